package io.emailengine.kit.testapp;

import io.emailengine.testsupport.TestPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** Fresh databases with the kit's schema, for tests of its SQL without a Spring context or Kafka. */
public final class KitDatabases {

    private KitDatabases() {
    }

    /** A new database migrated by Flyway from the kit's scripts, as a service's would be. */
    public static JdbcTemplate migrated(String name) {
        DataSource dataSource = TestPostgres.get().createDatabase(name).dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/kit").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /** From now on, records how many rows of the table each transaction deletes. */
    public static void recordDeletesPerTransaction(JdbcTemplate jdbc, String table) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS deletes_per_transaction (tx BIGINT, table_name TEXT, deleted BIGINT);
                CREATE OR REPLACE FUNCTION record_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO deletes_per_transaction SELECT txid_current(), TG_TABLE_NAME, count(*) FROM gone;
                    RETURN NULL;
                END
                $$""");
        jdbc.execute("CREATE TRIGGER " + table + "_deletes AFTER DELETE ON " + table
                + " REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_deletes()");
    }

    /** The number of rows of the table deleted by each transaction that deleted some, in no order. */
    public static List<Long> deletesPerTransaction(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("""
                SELECT sum(deleted) FROM deletes_per_transaction WHERE table_name = ?
                GROUP BY tx HAVING sum(deleted) > 0""", Long.class, table);
    }
}

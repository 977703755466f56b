package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

@RealInfrastructure(mariadb = true)
class RealInfrastructureExtensionTest {

    @Test
    void injectsTheSharedServers(TestKafka kafka, TestPostgres postgres, TestMariaDb mariadb) {
        assertThat(kafka).isSameAs(TestKafka.get());
        assertThat(postgres).isSameAs(TestPostgres.get());
        assertThat(mariadb).isSameAs(TestMariaDb.get());
    }

    @Test
    void injectsAFreshPostgresDatabasePerParameter(TestDatabase first, TestDatabase second) throws Exception {
        assertThat(first.jdbcUrl()).startsWith("jdbc:postgresql:");
        assertThat(first.name()).startsWith("t_realinfrastructureextensiontest_").isNotEqualTo(second.name());
        assertThat(tableCount(first)).isZero();
    }

    @Test
    void injectsAFreshMariaDbDatabaseWhenAnnotated(@MariaDbDatabase TestDatabase database) throws Exception {
        assertThat(database.jdbcUrl()).startsWith("jdbc:mariadb:");
        assertThat(tableCount(database)).isZero();
    }

    private static int tableCount(TestDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                             + (database.jdbcUrl().startsWith("jdbc:postgresql:") ? "'public'" : "DATABASE()"))) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

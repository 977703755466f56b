package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TestPostgresTest {

    @Test
    void rowWrittenToAFreshDatabaseIsReadBack() throws Exception {
        TestPostgres postgres = TestPostgres.get();
        LoggerFactory.getLogger(getClass()).info("STARTUP postgres source={} took {} ms", postgres.source(), postgres.startupTime().toMillis());
        TestDatabase database = postgres.createDatabase(getClass().getName());

        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            assertThat(connection.getCatalog()).isEqualTo(database.name());
            statement.execute("CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(100) NOT NULL)");
            statement.execute("INSERT INTO greeting (id, text) VALUES (1, 'hello postgres ✓')");
            try (ResultSet rows = statement.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("hello postgres ✓");
            }
        }
    }

    @Test
    void twoCreatedDatabasesAreIsolated() throws Exception {
        TestPostgres postgres = TestPostgres.get();
        TestDatabase first = postgres.createDatabase("isolation");
        TestDatabase second = postgres.createDatabase("isolation");

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_first (id INT)");
        }
        assertThat(tableExists(first, "only_in_first")).isTrue();
        assertThat(tableExists(second, "only_in_first")).isFalse();
    }

    @Test
    void getReturnsTheSameStartedInstance() {
        assertThat(TestPostgres.get()).isSameAs(TestPostgres.get());
        assertThat(TestPostgres.get().source()).isIn("external", "testcontainers", "embedded");
    }

    static boolean tableExists(TestDatabase database, String table) throws Exception {
        try (Connection connection = database.connect();
             ResultSet tables = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }
}

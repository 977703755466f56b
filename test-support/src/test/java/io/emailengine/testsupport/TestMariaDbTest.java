package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TestMariaDbTest {

    @Test
    void rowWrittenToAFreshDatabaseIsReadBack() throws Exception {
        TestMariaDb mariadb = TestMariaDb.get();
        LoggerFactory.getLogger(getClass()).info("STARTUP mariadb source={} took {} ms", mariadb.source(), mariadb.startupTime().toMillis());
        TestDatabase database = mariadb.createDatabase(getClass().getName());

        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            assertThat(connection.getCatalog()).isEqualTo(database.name());
            statement.execute("CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(100) NOT NULL)");
            statement.execute("INSERT INTO greeting (id, text) VALUES (1, 'hello mariadb ✓')");
            try (ResultSet rows = statement.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("hello mariadb ✓");
            }
        }
    }

    @Test
    void twoCreatedDatabasesAreIsolated() throws Exception {
        TestMariaDb mariadb = TestMariaDb.get();
        TestDatabase first = mariadb.createDatabase("isolation");
        TestDatabase second = mariadb.createDatabase("isolation");

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_first (id INT)");
        }
        assertThat(tableExists(first, "only_in_first")).isTrue();
        assertThat(tableExists(second, "only_in_first")).isFalse();
    }

    @Test
    void getReturnsTheSameStartedInstance() {
        assertThat(TestMariaDb.get()).isSameAs(TestMariaDb.get());
        assertThat(TestMariaDb.get().source()).isIn("external", "testcontainers", "embedded");
    }

    private static boolean tableExists(TestDatabase database, String table) throws Exception {
        try (Connection connection = database.connect();
             ResultSet tables = connection.getMetaData().getTables(database.name(), null, table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }
}

package io.emailengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void startsOnTheGivenPortWithOneDatabasePerServiceAndStopsCleanly() throws Exception {
        int port = Ports.freePort();
        List<String> databases = ServiceProcess.SPECS.stream().map(ServiceProcess.Spec::database).toList();
        Path dataDirectory = temp.resolve("postgres");
        EmbeddedDatabase database = new EmbeddedDatabase(port, dataDirectory, databases);
        try {
            database.start();

            assertThat(database.listDatabases())
                    .contains("warmup", "pmta_config", "mailwizz", "bounce_ingest", "alerting");
            assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();
            // a service can use its database over the JDBC URL it is handed
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl("warmup"),
                    EmbeddedDatabase.USERNAME, EmbeddedDatabase.PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id int)");
                statement.execute("INSERT INTO t VALUES (1)");
                try (var rows = statement.executeQuery("SELECT current_database(), count(*) FROM t")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("warmup");
                    assertThat(rows.getInt(2)).isEqualTo(1);
                }
            }
        } finally {
            database.stop();
        }
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void startsAfreshWhenTheDataDirectoryIsLeftFromAPreviousRun() throws Exception {
        int port = Ports.freePort();
        Path dataDirectory = temp.resolve("postgres");
        EmbeddedDatabase first = new EmbeddedDatabase(port, dataDirectory, List.of("alerting"));
        try {
            first.start();
        } finally {
            first.stop();
        }
        EmbeddedDatabase second = new EmbeddedDatabase(port, dataDirectory, List.of("warmup"));
        try {
            second.start();
            assertThat(second.listDatabases()).contains("warmup").doesNotContain("alerting");
        } finally {
            second.stop();
        }
    }
}

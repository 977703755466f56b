package io.emailengine.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared plumbing for the test servers: configuration look-up, the guarded Docker check, safe database names,
 * JDBC URL rewriting and shutdown hooks. Not part of the public API.
 */
final class Infra {

    static final String SOURCE_EXTERNAL = "external";
    static final String SOURCE_TESTCONTAINERS = "testcontainers";
    static final String SOURCE_EMBEDDED = "embedded";

    /** Set to {@code false} to skip Testcontainers even when a Docker engine is reachable. */
    static final String ENV_TESTCONTAINERS = "EMAIL_ENGINE_TEST_TESTCONTAINERS";

    private static final Logger LOG = LoggerFactory.getLogger(Infra.class);
    private static final long DOCKER_CHECK_TIMEOUT_SECONDS = 20;
    private static final int MAX_NAME_LENGTH = 60;
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RUN_ID = randomHex(3);

    private static volatile Boolean dockerAvailable;

    private Infra() {
    }

    /**
     * Reads a setting: the environment variable {@code name}, else the system property of the same name.
     * Blank values count as unset.
     */
    static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String setting(String name, String defaultValue) {
        String value = setting(name);
        return value == null ? defaultValue : value;
    }

    /**
     * Whether Testcontainers can be used: a Docker engine answers. Never throws, asks at most once per JVM and gives
     * up after {@value #DOCKER_CHECK_TIMEOUT_SECONDS} seconds.
     */
    static boolean dockerAvailable() {
        Boolean known = dockerAvailable;
        if (known != null) {
            return known;
        }
        synchronized (Infra.class) {
            if (dockerAvailable == null) {
                dockerAvailable = checkDocker();
            }
            return dockerAvailable;
        }
    }

    private static boolean checkDocker() {
        if ("false".equalsIgnoreCase(setting(ENV_TESTCONTAINERS))) {
            LOG.info("Testcontainers disabled by {}=false", ENV_TESTCONTAINERS);
            return false;
        }
        long start = System.nanoTime();
        CompletableFuture<Boolean> check = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                check.complete(org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) { // a missing engine must never fail a test run
                check.completeExceptionally(e);
            }
        }, "email-engine-docker-check");
        thread.setDaemon(true);
        thread.start();
        boolean available;
        try {
            available = check.get(DOCKER_CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("No answer from a Docker engine within {} s; not using Testcontainers", DOCKER_CHECK_TIMEOUT_SECONDS);
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        } catch (Exception e) {
            LOG.info("Docker check failed ({}); not using Testcontainers", e.getCause() == null ? e : e.getCause());
            available = false;
        }
        LOG.info("Docker engine {} (checked in {} ms)", available ? "available: Testcontainers may be used"
                : "not available: embedded servers will be used", (System.nanoTime() - start) / 1_000_000);
        return available;
    }

    /**
     * A database name that is safe unquoted in PostgreSQL and MariaDB, unique within this JVM and very likely across
     * JVMs: {@code t_<hint>_<run>_<counter>}, lower case, at most {@value #MAX_NAME_LENGTH} characters.
     */
    static String databaseName(String hint) {
        String cleaned = hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        cleaned = cleaned.replaceAll("^_+|_+$", "");
        String suffix = "_" + RUN_ID + "_" + DATABASE_COUNTER.incrementAndGet();
        int room = MAX_NAME_LENGTH - 2 - suffix.length();
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(cleaned.length() - room); // keep the tail: class names differ at the end
            cleaned = cleaned.replaceAll("^_+", "");
        }
        return "t_" + (cleaned.isEmpty() ? "db" : cleaned) + suffix;
    }

    /** Checks a name before it goes into DDL (names from {@link #databaseName} always pass). */
    static String requireSafeName(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Unsafe database name: " + name);
        }
        return name;
    }

    /**
     * Replaces (or adds) the database path of a JDBC URL such as {@code jdbc:postgresql://host:5432/db?x=y}, keeping
     * host list and parameters.
     */
    static String jdbcUrlWithDatabase(String jdbcUrl, String database) {
        int authorityStart = jdbcUrl.indexOf("//");
        if (authorityStart < 0) {
            throw new IllegalArgumentException("Expected a JDBC URL of the form jdbc:<driver>://host[:port]/[database]: " + jdbcUrl);
        }
        int query = indexOfAny(jdbcUrl, authorityStart + 2, '?', ';');
        int slash = jdbcUrl.indexOf('/', authorityStart + 2);
        if (query >= 0 && slash > query) {
            slash = -1;
        }
        String params = query >= 0 ? jdbcUrl.substring(query) : "";
        String base = slash >= 0 ? jdbcUrl.substring(0, slash) : (query >= 0 ? jdbcUrl.substring(0, query) : jdbcUrl);
        return base + "/" + database + params;
    }

    private static int indexOfAny(String s, int from, char... chars) {
        for (int i = from; i < s.length(); i++) {
            for (char c : chars) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
        }
        return -1;
    }

    static void onShutdown(String name, Runnable action) {
        Thread hook = new Thread(() -> {
            try {
                awaitApplicationContextsClosed();
                action.run();
            } catch (Throwable e) {
                LOG.warn("Stopping {} failed: {}", name, e.toString());
            }
        }, "email-engine-stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * JVM shutdown hooks run concurrently: Spring's closes the cached test contexts while ours would
     * stop the servers under them, and a connection pool then spends its whole login timeout trying
     * to reconnect (surefire kills the fork after 30 s). Servers outlive their clients instead.
     * The JVM starts the hooks one after the other, ours (registered first, with the servers) before
     * Spring's: a hook that looked only once could miss Spring's, not started yet, and drop the
     * databases under the contexts (a scheduled job then waited for a connection, and the context's
     * shutdown for the job). So Spring's hook is waited for up to {@link #HOOK_START_WAIT} to start.
     */
    static void awaitApplicationContextsClosed() throws InterruptedException {
        long deadline = System.nanoTime() + HOOK_START_WAIT.toNanos();
        List<Thread> hooks = springShutdownHooks();
        while (hooks.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            hooks = springShutdownHooks();
        }
        for (Thread hook : hooks) {
            hook.join(20_000);
        }
    }

    /** How long a server's shutdown hook waits for Spring's to start (a JVM without Spring contexts waits it out). */
    static final Duration HOOK_START_WAIT = Duration.ofSeconds(1);

    private static List<Thread> springShutdownHooks() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != Thread.currentThread() && "SpringApplicationShutdownHook".equals(thread.getName()))
                .toList();
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Wraps checked exceptions from server start-up. */
    static IllegalStateException startFailure(String what, Throwable cause) {
        return new IllegalStateException("Could not start " + what + " for tests: " + cause, cause);
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}

package io.emailengine.testsupport;

import java.time.Duration;

/** What {@link TestPostgres} and {@link TestMariaDb} have in common: a server that hands out fresh databases. */
abstract class SharedDatabaseServer {

    private final ServerDatabases server;
    private final String source;
    private final Duration startupTime;

    SharedDatabaseServer(ServerDatabases server, String source, Duration startupTime) {
        this.server = server;
        this.source = source;
        this.startupTime = startupTime;
    }

    /** Creates a new, empty database whose name is derived from {@code hint} (e.g. the test class name) and made unique. */
    public TestDatabase createDatabase(String hint) {
        return server.createDatabase(hint);
    }

    /** {@code "external"}, {@code "testcontainers"} or {@code "embedded"}. */
    public String source() {
        return source;
    }

    /** How long starting (or reaching) the server took in this JVM. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + source + ", " + server.adminUrl() + "]";
    }
}

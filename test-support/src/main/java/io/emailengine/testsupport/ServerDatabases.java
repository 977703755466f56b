package io.emailengine.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates (and, on external servers, finally drops) the per-test databases on one PostgreSQL or MariaDB server. */
final class ServerDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDatabases.class);

    private final String adminUrl;
    private final String username;
    private final String password;
    private final String createSql;
    private final String dropSql;
    private final List<String> created = new CopyOnWriteArrayList<>();

    private ServerDatabases(String adminUrl, String username, String password, String createSql, String dropSql,
                            boolean dropOnShutdown) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password == null ? "" : password;
        this.createSql = createSql;
        this.dropSql = dropSql;
        if (dropOnShutdown) {
            // a shared external server should not collect one database per test class and run
            Infra.onShutdown("drop-test-databases", this::dropCreated);
        }
    }

    static ServerDatabases postgres(String adminUrl, String username, String password, boolean dropOnShutdown) {
        return new ServerDatabases(adminUrl, username, password, "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0",
                "DROP DATABASE IF EXISTS %s WITH (FORCE)", dropOnShutdown);
    }

    static ServerDatabases mariadb(String adminUrl, String username, String password, boolean dropOnShutdown) {
        return new ServerDatabases(adminUrl, username, password,
                "CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", "DROP DATABASE IF EXISTS %s",
                dropOnShutdown);
    }

    String adminUrl() {
        return adminUrl;
    }

    void checkReachable() {
        try (Connection ignored = adminConnection()) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + adminUrl + " as " + username + ": " + e.getMessage(), e);
        }
    }

    TestDatabase createDatabase(String hint) {
        String name = Infra.requireSafeName(Infra.databaseName(hint));
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(String.format(createSql, name));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + adminUrl + ": " + e.getMessage(), e);
        }
        created.add(name);
        return new TestDatabase(Infra.jdbcUrlWithDatabase(adminUrl, name), username, password, name);
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminUrl, username, password);
    }

    private void dropCreated() {
        if (created.isEmpty()) {
            return;
        }
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            for (String name : created) {
                try {
                    statement.execute(String.format(dropSql, name));
                } catch (SQLException e) {
                    LOG.debug("Could not drop test database {}: {}", name, e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.debug("Could not drop test databases on {}: {}", adminUrl, e.getMessage());
        }
    }
}

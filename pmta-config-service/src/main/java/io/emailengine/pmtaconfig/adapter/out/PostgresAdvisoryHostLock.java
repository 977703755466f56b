package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.HostLock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One deployment per host across replicas: a session-level PostgreSQL advisory lock held on a
 * dedicated connection for the whole deployment (a transaction-level lock would force the whole
 * SSH conversation into one database transaction). If a replica dies, its connection closes and
 * PostgreSQL releases the lock.
 */
@Component
class PostgresAdvisoryHostLock implements HostLock {

    private final DataSource dataSource;

    PostgresAdvisoryHostLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Held> tryLock(String hostId) {
        long key = keyOf(hostId);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!call(connection, "SELECT pg_try_advisory_lock(?)", key)) {
                connection.close();
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> release(held, key));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot take the deployment lock of host " + hostId, e);
        }
    }

    /**
     * Returning a pooled connection does not end its session, so a lock that could not be released
     * explicitly is released by aborting the physical connection (the pool then discards it).
     */
    private static void release(Connection connection, long key) {
        try (connection) {
            if (!call(connection, "SELECT pg_advisory_unlock(?)", key)) {
                connection.abort(Runnable::run);
            }
        } catch (SQLException e) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // The connection is broken either way; PostgreSQL drops the lock with the session.
            }
        }
    }

    private static boolean call(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the original error is what matters.
            }
        }
    }

    /** A stable 64-bit key per host, namespaced so other advisory lock users never collide by accident. */
    static long keyOf(String hostId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("pmta-config-service:host:" + hostId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}

package io.emailengine.simulator.mailwizz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulator's own (administrator) access to the {@code mailwizz} database: one connection, one transaction at a
 * time. Serialising the API's work is what MailWizz's row locks would give a real installation, and it keeps lazy
 * creation (sandbox list, campaign, subscribers) free of races. Every value is a bind parameter.
 */
final class Db implements AutoCloseable {

    /** Work in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final ConnectionFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    @FunctionalInterface
    interface ConnectionFactory {
        Connection connect() throws SQLException;
    }

    Db(ConnectionFactory factory) {
        this.factory = factory;
    }

    <T> T tx(Work<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            try {
                T result = work.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; it is replaced on the next call
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("simulated MailWizz database failed (SQL state " + e.getSQLState() + ")", e);
        } finally {
            lock.unlock();
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection().createStatement()) {
            statement.execute(sql);
        }
    }

    List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, false, params); ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    Map<String, Object> row(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    long count(String sql, Object... params) throws SQLException {
        Map<String, Object> row = row(sql, params);
        return row == null ? 0 : ((Number) row.values().iterator().next()).longValue();
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, false, params)) {
            return statement.executeUpdate();
        }
    }

    long insert(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, true, params)) {
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    private PreparedStatement prepare(String sql, boolean keys, Object... params) throws SQLException {
        PreparedStatement statement = keys ? connection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : connection().prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // replaced below
                }
            }
            connection = factory.connect();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        } finally {
            connection = null;
            lock.unlock();
        }
    }
}

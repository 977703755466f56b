package io.emailengine.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * One fresh, empty database on a test server (PostgreSQL or MariaDB), created for one test class or one injection.
 *
 * @param jdbcUrl  JDBC URL of this database
 * @param username user with full rights on it
 * @param password that user's password (empty string when the server needs none)
 * @param name     the database name, lower case {@code [a-z0-9_]}
 */
public record TestDatabase(String jdbcUrl, String username, String password, String name) {

    public TestDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
        Objects.requireNonNull(name, "name");
    }

    /** A simple, unpooled {@link DataSource}: each {@code getConnection()} opens a new JDBC connection. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(jdbcUrl, username, password);
    }

    /** Opens a new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " at " + jdbcUrl + " as " + username + "]";
    }

    private record DriverManagerDataSource(String url, String user, String pass) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, pass);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return DriverManager.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            DriverManager.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("Not a wrapper for " + iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }

        @Override
        public String toString() {
            return "DataSource[" + url + "]";
        }
    }
}

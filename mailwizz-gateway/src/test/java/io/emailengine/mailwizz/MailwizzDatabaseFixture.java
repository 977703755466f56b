package io.emailengine.mailwizz;

import io.emailengine.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** MailWizz's delivery_server table (2.x columns) in a real MariaDB database, with helpers to prove what changed. */
final class MailwizzDatabaseFixture {

    private final TestDatabase database;

    MailwizzDatabaseFixture(TestDatabase database) {
        this.database = database;
    }

    void createTable() {
        try (InputStream ddl = MailwizzDatabaseFixture.class.getResourceAsStream("/mailwizz/mw_delivery_server.sql");
             Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery server of customer 1, the way MailWizz stores one, with a serialized meta_data blob. */
    void insertServer(long id, String name, String hostname, long hourly, long daily, Long warmupPlan) {
        insertServer(id, 1, name, hostname, hourly, daily, warmupPlan);
    }

    void insertServer(long id, long customer, String name, String hostname, long hourly, long daily, Long warmupPlan) {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO mw_delivery_server (server_id, customer_id, warmup_plan_id, type, name, hostname, port, from_email,
                    probability, hourly_quota, daily_quota, monthly_quota, pause_after_send, max_connection_messages, meta_data,
                    status, date_added, last_updated)
                VALUES (?, ?, ?, 'smtp-pmta', ?, ?, 2525, 'news@example.com', 100, ?, ?, 300000, 250000, 50, ?, 'active',
                    '2026-11-01 10:00:00', '2026-11-01 10:00:00')""")) {
            insert.setLong(1, id);
            insert.setLong(2, customer);
            if (warmupPlan == null) {
                insert.setNull(3, java.sql.Types.INTEGER);
            } else {
                insert.setLong(3, warmupPlan);
            }
            insert.setString(4, name);
            insert.setString(5, hostname);
            insert.setLong(6, hourly);
            insert.setLong(7, daily);
            insert.setBytes(8, ("a:1:{s:18:\"additional_headers\";a:1:{i:0;a:2:{s:4:\"name\";s:13:\"X-Virtual-MTA\";s:5:\"value\";s:"
                    + name.length() + ":\"" + name + "\";}}}").getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long quota(long serverId, String column) {
        return (Long) snapshot().get(serverId).get(column);
    }

    /** Every column of every row, blobs as hex, so two snapshots can be compared cell by cell. */
    Map<Long, Map<String, Object>> snapshot() {
        Map<Long, Map<String, Object>> rows = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM mw_delivery_server ORDER BY server_id")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof byte[] bytes) {
                        value = HexFormat.of().formatHex(bytes);
                    } else if (value instanceof Integer number) {
                        value = number.longValue();
                    } else if (value != null && !(value instanceof Long) && !(value instanceof String)) {
                        value = value.toString();
                    }
                    row.put(meta.getColumnLabel(i), value);
                }
                rows.put(rs.getLong("server_id"), row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** "serverId.column" of every cell that differs between two snapshots. */
    static Map<String, Object> changedCells(Map<Long, Map<String, Object>> before, Map<Long, Map<String, Object>> after) {
        Map<String, Object> changed = new TreeMap<>();
        after.forEach((id, row) -> row.forEach((column, value) -> {
            Map<String, Object> old = before.get(id);
            if (old == null || !java.util.Objects.equals(old.get(column), value)) {
                changed.put(id + "." + column, value);
            }
        }));
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(id -> changed.put(id + ".deleted", true));
        return changed;
    }
}

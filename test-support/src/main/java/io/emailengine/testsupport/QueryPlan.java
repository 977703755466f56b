package io.emailengine.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The plan PostgreSQL chooses for a statement ({@code EXPLAIN (FORMAT JSON)}), for tests that pin
 * what a frequent or periodic statement reads once its tables are full: which index, never a scan
 * of a whole table. Parameters are bound as the application binds them ({@code ?} placeholders;
 * {@code String[]}, {@code UUID[]} and {@code Long[]} as arrays).
 *
 * <p>{@link #generic} shows the plan the server keeps for a statement it has prepared (the JDBC
 * driver prepares a statement on the server from its fifth execution on, and PostgreSQL may then
 * settle on one plan for any parameters): an optional filter written as
 * {@code (? IS NULL OR column = ?)} can use an index in {@link #of} yet not there.
 */
public final class QueryPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final List<String> nodes = new ArrayList<>();
    private final List<String> indexes = new ArrayList<>();

    private QueryPlan(String json) {
        try {
            this.root = JSON.readTree(json).get(0).get("Plan");
        } catch (IOException e) {
            throw new IllegalStateException("EXPLAIN did not return JSON: " + json, e);
        }
        collect(root);
    }

    /** The plan for these parameter values (a custom plan). */
    public static QueryPlan of(DataSource database, String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            bind(connection, explain, parameters);
            return new QueryPlan(single(explain));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot explain " + sql, e);
        }
    }

    /** The one plan the server uses for any parameter values once the statement is prepared there. */
    public static QueryPlan generic(DataSource database, String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE query_plan_statement AS " + numbered(sql));
            try {
                // EXECUTE takes its arguments as literals here (a utility statement's own bind parameters
                // would have no type), cast to the types PREPARE inferred.
                List<String> arguments = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("""
                        SELECT unnest(parameter_types)::text FROM pg_prepared_statements WHERE name = 'query_plan_statement'""")) {
                    while (rs.next()) {
                        arguments.add(literal(parameters[arguments.size()]) + "::" + rs.getString(1));
                    }
                }
                try (ResultSet rs = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE query_plan_statement("
                        + String.join(", ", arguments) + ")")) {
                    rs.next();
                    return new QueryPlan(rs.getString(1));
                }
            } finally {
                statement.execute("DEALLOCATE query_plan_statement");
                statement.execute("RESET plan_cache_mode");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot explain the generic plan of " + sql, e);
        }
    }

    /**
     * One line per node, depth first: its type, the relation, the index and its condition, e.g.
     * {@code Index Scan on alert using alert_tenant_status where ((tenant_id)::text = 'a'::text)}.
     */
    public List<String> nodes() {
        return nodes;
    }

    /** The indexes the plan reads, in plan order. */
    public List<String> indexes() {
        return indexes;
    }

    /** Whether some node reads a whole table. */
    public boolean scansATable() {
        return nodes.stream().anyMatch(node -> node.startsWith("Seq Scan"));
    }

    /** The plan as PostgreSQL gave it. */
    public String json() {
        return root.toPrettyString();
    }

    @Override
    public String toString() {
        return String.join("\n", nodes);
    }

    private void collect(JsonNode node) {
        String line = node.path("Node Type").asText();
        if (node.has("Relation Name")) {
            line += " on " + node.get("Relation Name").asText();
        }
        if (node.has("Index Name")) {
            indexes.add(node.get("Index Name").asText());
            line += " using " + node.get("Index Name").asText() + " where " + node.path("Index Cond").asText();
        }
        nodes.add(line);
        for (JsonNode child : node.path("Plans")) {
            collect(child);
        }
    }

    /** {@code ?} placeholders as {@code $1, $2, ...}, as PREPARE wants them. */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void bind(Connection connection, PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("varchar", array));
            } else if (value instanceof UUID[] array) {
                statement.setArray(i + 1, connection.createArrayOf("uuid", array));
            } else if (value instanceof Long[] array) {
                statement.setArray(i + 1, connection.createArrayOf("int8", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** A parameter as an SQL literal (strings quoted, arrays as ARRAY[...], times as ISO instants). */
    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Object[] array) {
            List<String> elements = new ArrayList<>(array.length);
            for (Object element : array) {
                elements.add(literal(element));
            }
            return "ARRAY[" + String.join(", ", elements) + "]";
        }
        String text = value instanceof java.sql.Timestamp time ? time.toInstant().toString() : value.toString();
        return "'" + text.replace("'", "''") + "'";
    }

    private static String single(PreparedStatement explain) throws SQLException {
        try (ResultSet rs = explain.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package io.emailengine.alerting.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.emailengine.alerting.application.AlertStore;
import io.emailengine.alerting.domain.AlertOccurrence;
import io.emailengine.alerting.domain.StoredAlert;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventJson;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAlertStore implements AlertStore {

    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String ALERT_COLUMNS = "fingerprint, tenant_id, severity, source, summary, details, labels, "
            + "status, first_seen, last_seen, occurrences";

    /** History entries received before the cutoff (parameter); served by {@code alert_history_age}. */
    static final String PURGE_HISTORY = "DELETE FROM alert_history WHERE received_at < ?";
    /**
     * Resolved alerts last received before the cutoff (parameter), unless their group's episode is still open: an
     * open episode lists its resolved members in every message, so they stay until it closes. Served by
     * {@code alert_resolved_age}; the group is found by its primary key.
     */
    static final String PURGE_RESOLVED = """
            DELETE FROM alert WHERE status = 'resolved' AND received_at < ?
              AND NOT EXISTS (SELECT 1 FROM alert_group g WHERE g.group_key = alert.group_key AND g.open)""";

    private final JdbcTemplate jdbc;
    private final EventJson json;
    private final RowMapper<StoredAlert> alertRow = this::alert;

    JdbcAlertStore(JdbcTemplate jdbc, EventJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void record(TenantId tenant, AlertRaised alert, UUID eventId, Instant seenAt, Instant receivedAt,
                       String groupKey) {
        Timestamp seen = Timestamp.from(seenAt);
        Timestamp received = Timestamp.from(receivedAt);
        String tenantId = tenant == null ? null : tenant.value();
        String severity = alert.severity().name().toLowerCase(Locale.ROOT);
        String status = alert.status().name().toLowerCase(Locale.ROOT);
        String labels = labelsJson(alert);
        // An event older than the stored state (out of order) updates counts and history but never the status.
        jdbc.update("""
                INSERT INTO alert (fingerprint, tenant_id, severity, source, summary, details, labels, status,
                                   first_seen, last_seen, occurrences, received_at, group_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (fingerprint) DO UPDATE SET
                    severity = excluded.severity, summary = excluded.summary, details = excluded.details,
                    labels = excluded.labels,
                    status = CASE WHEN alert.last_seen <= excluded.last_seen THEN excluded.status ELSE alert.status END,
                    first_seen = LEAST(alert.first_seen, excluded.first_seen),
                    last_seen = GREATEST(alert.last_seen, excluded.last_seen),
                    occurrences = alert.occurrences + 1,
                    received_at = excluded.received_at, group_key = excluded.group_key""",
                alert.fingerprint(), tenantId, severity, alert.source(), alert.summary(), alert.details(),
                labels, status, seen, seen, received, groupKey);
        jdbc.update("""
                INSERT INTO alert_history (event_id, fingerprint, tenant_id, severity, source, summary, details, labels,
                                           status, occurred_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                eventId, alert.fingerprint(), tenantId, severity, alert.source(), alert.summary(), alert.details(),
                labels, status, seen, received);
    }

    @Override
    public Optional<Severity> firingSeverity(TenantId tenant, String fingerprint) {
        String tenantId = tenant == null ? null : tenant.value();
        return jdbc.queryForList("SELECT severity FROM alert WHERE " + TenantCondition.of(tenantId)
                        + " AND fingerprint = ? AND status = 'firing'", String.class,
                        TenantCondition.args(tenantId, fingerprint))
                .stream().findFirst().map(severity -> Severity.valueOf(severity.toUpperCase(Locale.ROOT)));
    }

    @Override
    public List<StoredAlert> membersOf(String groupKey, Instant since) {
        return jdbc.query("SELECT " + ALERT_COLUMNS + " FROM alert WHERE group_key = ? AND received_at >= ?",
                alertRow, groupKey, Timestamp.from(since));
    }

    @Override
    public List<StoredAlert> firing(String tenant, List<String> severities, int limit) {
        return jdbc.query(firingSql(tenant), ps -> {
            int index = 1;
            if (tenant != null) {
                ps.setString(index++, tenant);
            }
            ps.setArray(index++, ps.getConnection().createArrayOf("varchar", severities.toArray()));
            ps.setInt(index, limit);
        }, alertRow);
    }

    /**
     * The firing alerts of a tenant (null: system) with one of the given severities (parameters: the tenant when
     * set, a varchar array, the limit). Read on every evaluation of every group for the host-down inhibition, so
     * it must stay an {@code alert_tenant_status} lookup however many alerts the table remembers.
     */
    static String firingSql(String tenant) {
        return "SELECT " + ALERT_COLUMNS + " FROM alert WHERE " + TenantCondition.of(tenant)
                + " AND status = 'firing' AND severity = ANY (?) ORDER BY last_seen DESC LIMIT ?";
    }

    @Override
    public List<StoredAlert> list(String tenant, String status, int limit) {
        if (status == null) {
            return jdbc.query("SELECT " + ALERT_COLUMNS + " FROM alert WHERE " + TenantCondition.of(tenant)
                    + " ORDER BY last_seen DESC, fingerprint LIMIT ?", alertRow, TenantCondition.args(tenant, limit));
        }
        return jdbc.query("SELECT " + ALERT_COLUMNS + " FROM alert WHERE " + TenantCondition.of(tenant)
                        + " AND status = ? ORDER BY last_seen DESC, fingerprint LIMIT ?", alertRow,
                TenantCondition.args(tenant, status, limit));
    }

    @Override
    public List<AlertOccurrence> history(String tenant, String fingerprint, long beforeId, int limit) {
        List<Object> args = new ArrayList<>(Arrays.asList(TenantCondition.args(tenant, beforeId)));
        String sql = "SELECT id, event_id, fingerprint, tenant_id, severity, source, summary, details, labels, status, "
                + "occurred_at, received_at FROM alert_history WHERE " + TenantCondition.of(tenant) + " AND id < ?";
        if (fingerprint != null) {
            sql += " AND fingerprint = ?";
            args.add(fingerprint);
        }
        args.add(limit);
        return jdbc.query(sql + " ORDER BY id DESC LIMIT ?", (rs, i) -> new AlertOccurrence(rs.getLong(1),
                rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), severity(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getString(8), labels(rs.getString(9)), status(rs.getString(10)),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant()), args.toArray());
    }

    @Override
    public int purgeHistoryBefore(Instant cutoff) {
        return jdbc.update(PURGE_HISTORY, Timestamp.from(cutoff));
    }

    @Override
    public int purgeResolvedBefore(Instant cutoff) {
        return jdbc.update(PURGE_RESOLVED, Timestamp.from(cutoff));
    }

    private StoredAlert alert(ResultSet rs, int row) throws SQLException {
        return new StoredAlert(rs.getString(1), rs.getString(2), severity(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), labels(rs.getString(7)), status(rs.getString(8)),
                rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getLong(11));
    }

    private static Severity severity(String text) {
        return Severity.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static AlertStatus status(String text) {
        return AlertStatus.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private Map<String, String> labels(String text) {
        try {
            return json.mapper().readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not a JSON object of strings", e);
        }
    }

    private String labelsJson(AlertRaised alert) {
        try {
            return json.mapper().writeValueAsString(new TreeMap<>(alert.labels()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are strings and always serialise", e);
        }
    }
}

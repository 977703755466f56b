package io.emailengine.alerting.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.emailengine.alerting.application.AlertStore;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.EventJson;
import io.emailengine.events.types.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAlertStore implements AlertStore {

    private final JdbcTemplate jdbc;
    private final EventJson json;

    JdbcAlertStore(JdbcTemplate jdbc, EventJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void record(TenantId tenant, AlertRaised alert, Instant seenAt) {
        Timestamp seen = Timestamp.from(seenAt);
        jdbc.update("""
                INSERT INTO alert (fingerprint, tenant_id, severity, source, summary, details, labels, status,
                                   first_seen, last_seen, occurrences)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (fingerprint) DO UPDATE SET
                    severity = excluded.severity, summary = excluded.summary, details = excluded.details,
                    labels = excluded.labels,
                    status = CASE WHEN alert.last_seen <= excluded.last_seen THEN excluded.status ELSE alert.status END,
                    first_seen = LEAST(alert.first_seen, excluded.first_seen),
                    last_seen = GREATEST(alert.last_seen, excluded.last_seen),
                    occurrences = alert.occurrences + 1""",
                alert.fingerprint(), tenant == null ? null : tenant.value(),
                alert.severity().name().toLowerCase(Locale.ROOT), alert.source(), alert.summary(), alert.details(),
                labelsJson(alert), alert.status().name().toLowerCase(Locale.ROOT), seen, seen);
    }

    private String labelsJson(AlertRaised alert) {
        try {
            return json.mapper().writeValueAsString(new TreeMap<>(alert.labels()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are strings and always serialise", e);
        }
    }
}

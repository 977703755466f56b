package io.emailengine.pmtaconfig.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.pmtaconfig.application.DesiredStateStore;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDesiredStateStore implements DesiredStateStore {

    private final JdbcTemplate jdbc;
    private final EventJson json;

    JdbcDesiredStateStore(JdbcTemplate jdbc, EventJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean upsertIfNewer(EventEnvelope<PmtaConfigRequested> request) {
        PmtaConfigRequested spec = request.payload();
        return jdbc.update("""
                INSERT INTO desired_vmta (host_id, vmta, tenant_id, spec, requested_at, event_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id, vmta) DO UPDATE SET
                    tenant_id = excluded.tenant_id, spec = excluded.spec,
                    requested_at = excluded.requested_at, event_id = excluded.event_id
                WHERE desired_vmta.requested_at <= excluded.requested_at""",
                spec.host().value(), spec.vmta().name().value(),
                request.tenantId() == null ? null : request.tenantId().value(),
                toJson(spec), Timestamp.from(request.occurredAt()), request.eventId()) == 1;
    }

    @Override
    public List<StoredRequest> forHost(String hostId) {
        return jdbc.query("SELECT spec, tenant_id FROM desired_vmta WHERE host_id = ? ORDER BY vmta",
                (rs, row) -> new StoredRequest(fromJson(rs.getString(1)), rs.getString(2)), hostId);
    }

    @Override
    public java.util.Optional<String> ownerOf(String hostId, String vmta) {
        return jdbc.queryForList("SELECT tenant_id FROM desired_vmta WHERE host_id = ? AND vmta = ? AND tenant_id IS NOT NULL",
                String.class, hostId, vmta).stream().findFirst();
    }

    private PmtaConfigRequested fromJson(String text) {
        try {
            return json.mapper().readValue(text, PmtaConfigRequested.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored desired spec is unreadable", e);
        }
    }

    private String toJson(PmtaConfigRequested spec) {
        try {
            return json.mapper().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a PmtaConfigRequested that was just parsed", e);
        }
    }
}

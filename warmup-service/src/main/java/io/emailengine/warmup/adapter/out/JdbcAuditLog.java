package io.emailengine.warmup.adapter.out;

import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.application.AuditLog;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAuditLog implements AuditLog {

    private final JdbcTemplate jdbc;

    JdbcAuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Entry entry) {
        jdbc.update("INSERT INTO audit_log (at, actor, tenant_id, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(entry.at()), entry.actor(), entry.tenant().value(), entry.action(), entry.subject(), entry.details());
    }

    @Override
    public List<Entry> list(TenantId tenant, int limit) {
        return jdbc.query("SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY at DESC, id DESC LIMIT ?",
                (rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("actor"), TenantId.of(rs.getString("tenant_id")),
                        rs.getString("action"), rs.getString("subject"), rs.getString("details")), tenant.value(), limit);
    }
}

package io.emailengine.warmup.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.application.DecisionLog;
import io.emailengine.warmup.domain.AlertIntent;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.DecisionKind;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDecisionLog implements DecisionLog {

    private static final TypeReference<Map<String, Object>> NUMBERS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();

    JdbcDecisionLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO decision_log (decision_id, provider, tenant_id, ip, decided_at, cause, kind, from_stage, to_stage,
                       from_daily, to_daily, warmup_day, reason, numbers, signal_codes, alert)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""",
                entries, 500, (ps, e) -> {
                    Decision d = e.decision();
                    ps.setObject(1, e.decisionId());
                    ps.setString(2, d.provider().name());
                    ps.setString(3, e.tenant().value());
                    ps.setString(4, e.ip().value());
                    ps.setTimestamp(5, Timestamp.from(e.decidedAt()));
                    ps.setString(6, e.cause());
                    ps.setString(7, d.kind().name());
                    ps.setInt(8, d.fromStage());
                    ps.setInt(9, d.toStage());
                    ps.setLong(10, d.fromDaily());
                    ps.setLong(11, d.toDaily());
                    ps.setInt(12, d.warmupDay());
                    ps.setString(13, d.reason());
                    ps.setString(14, json(d.numbers()));
                    ps.setArray(15, ps.getConnection().createArrayOf("text", d.signalCodes().toArray()));
                    ps.setString(16, d.alert().name());
                });
    }

    @Override
    public List<Entry> history(TenantId tenant, SendingIp ip, int limit) {
        return jdbc.query("""
                SELECT * FROM decision_log WHERE tenant_id = ? AND ip = ?
                ORDER BY decided_at DESC, decision_id, provider LIMIT ?""",
                (rs, n) -> map(rs), tenant.value(), ip.value(), limit);
    }

    private Entry map(ResultSet rs) throws SQLException {
        Array codes = rs.getArray("signal_codes");
        Decision decision = new Decision(Provider.of(rs.getString("provider")), DecisionKind.valueOf(rs.getString("kind")),
                rs.getInt("from_stage"), rs.getInt("to_stage"), rs.getLong("from_daily"), rs.getLong("to_daily"),
                rs.getInt("warmup_day"), rs.getString("reason"), read(rs.getString("numbers")),
                codes == null ? List.of() : Arrays.asList((String[]) codes.getArray()), AlertIntent.valueOf(rs.getString("alert")));
        return new Entry(rs.getObject("decision_id", java.util.UUID.class), TenantId.of(rs.getString("tenant_id")),
                SendingIp.of(rs.getString("ip")), rs.getTimestamp("decided_at").toInstant(), rs.getString("cause"), decision);
    }

    private String json(Map<String, Object> numbers) {
        try {
            return mapper.writeValueAsString(numbers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision numbers are not serialisable", e);
        }
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, NUMBERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision_log.numbers is not JSON", e);
        }
    }
}

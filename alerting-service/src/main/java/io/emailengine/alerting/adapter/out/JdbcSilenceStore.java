package io.emailengine.alerting.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.emailengine.alerting.application.SilenceStore;
import io.emailengine.alerting.domain.LabelMatcher;
import io.emailengine.alerting.domain.Silence;
import io.emailengine.events.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSilenceStore implements SilenceStore {

    private static final TypeReference<List<Map<String, String>>> MATCHERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, tenant_id, matchers, starts_at, ends_at, created_by, comment";

    private final JdbcTemplate jdbc;
    private final EventJson json;

    JdbcSilenceStore(JdbcTemplate jdbc, EventJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(Silence silence, Instant now) {
        jdbc.update("""
                INSERT INTO silence (id, tenant_id, matchers, starts_at, ends_at, created_by, comment, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at,
                    ends_at = excluded.ends_at, created_by = excluded.created_by, comment = excluded.comment,
                    updated_at = excluded.updated_at""",
                silence.id(), silence.tenant(), matchersJson(silence.matchers()), Timestamp.from(silence.startsAt()),
                Timestamp.from(silence.endsAt()), silence.createdBy(), silence.comment(), Timestamp.from(now),
                Timestamp.from(now));
    }

    @Override
    public Optional<Silence> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM silence WHERE id = ?", this::silence, id).stream().findFirst();
    }

    @Override
    public List<Silence> list(String tenant, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM silence WHERE " + TenantCondition.of(tenant)
                + " ORDER BY created_at DESC, id LIMIT ?", this::silence, TenantCondition.args(tenant, limit));
    }

    @Override
    public List<Silence> notExpired(String tenant, Instant now) {
        return jdbc.query(notExpiredSql(tenant), this::silence, TenantCondition.args(tenant, Timestamp.from(now)));
    }

    /**
     * The silences of a tenant (null: system) ending after an instant (parameters: the tenant when set, the
     * instant). Read on every evaluation of every group, so it must stay a {@code silence_tenant} range however
     * many expired silences the table keeps.
     */
    static String notExpiredSql(String tenant) {
        return "SELECT " + COLUMNS + " FROM silence WHERE " + TenantCondition.of(tenant) + " AND ends_at > ?";
    }

    private Silence silence(ResultSet rs, int row) throws SQLException {
        List<LabelMatcher> matchers = readMatchers(rs.getString(3));
        return new Silence(rs.getObject(1, UUID.class), rs.getString(2), matchers, rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7));
    }

    private List<LabelMatcher> readMatchers(String text) {
        try {
            return json.mapper().readValue(text, MATCHERS).stream()
                    .map(m -> LabelMatcher.of(m.get("name"), m.get("op"), m.get("value"))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored silence matchers are not valid JSON", e);
        }
    }

    private String matchersJson(List<LabelMatcher> matchers) {
        try {
            return json.mapper().writeValueAsString(matchers.stream()
                    .map(m -> Map.of("name", m.name(), "op", m.operator().symbol(), "value", m.value())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("matchers are strings and always serialise", e);
        }
    }
}

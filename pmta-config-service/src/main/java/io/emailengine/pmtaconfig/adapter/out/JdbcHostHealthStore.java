package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.HostHealthStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcHostHealthStore implements HostHealthStore {

    private final JdbcTemplate jdbc;

    JdbcHostHealthStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Boolean> record(String hostId, boolean reachable, String detail, Instant now) {
        // Row lock: with several replicas probing, only one of them sees a given transition.
        List<Boolean> before = jdbc.queryForList("SELECT reachable FROM host_health WHERE host_id = ? FOR UPDATE",
                Boolean.class, hostId);
        String shortDetail = detail == null ? null : detail.substring(0, Math.min(detail.length(), 500));
        jdbc.update("""
                INSERT INTO host_health (host_id, reachable, detail, changed_at, probed_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET detail = excluded.detail, probed_at = excluded.probed_at,
                    changed_at = CASE WHEN host_health.reachable = excluded.reachable THEN host_health.changed_at
                                      ELSE excluded.changed_at END,
                    reachable = excluded.reachable""",
                hostId, reachable, shortDetail, Timestamp.from(now), Timestamp.from(now));
        return before.stream().findFirst();
    }

    @Override
    public Map<String, Boolean> all() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        jdbc.query("SELECT host_id, reachable FROM host_health ORDER BY host_id",
                rs -> { all.put(rs.getString(1), rs.getBoolean(2)); });
        return all;
    }
}

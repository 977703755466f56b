package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.ConvergenceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConvergenceStore implements ConvergenceStore {

    private static final String STATUS_COLUMNS = "host_id, desired_generation, deployed_generation, consecutive_failures, "
            + "deployed_hash, deployed_version, deployed_at, held_version";

    private final JdbcTemplate jdbc;

    JdbcConvergenceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void markChanged(String hostId, Instant now) {
        jdbc.update("""
                INSERT INTO host_convergence (host_id, desired_generation, last_change_at) VALUES (?, 1, ?)
                ON CONFLICT (host_id) DO UPDATE SET desired_generation = host_convergence.desired_generation + 1,
                    last_change_at = excluded.last_change_at""", hostId, Timestamp.from(now));
    }

    @Override
    public List<String> dueHosts(Instant now, Duration debounce, Instant fullCheckBefore) {
        return jdbc.queryForList("""
                SELECT c.host_id FROM host_convergence c JOIN pmta_host h ON h.host_id = c.host_id
                WHERE c.held_version IS NULL
                  AND (c.last_change_at IS NULL OR c.last_change_at <= ?)
                  AND (   (c.next_attempt_at IS NULL AND (c.desired_generation <> c.checked_generation
                                                          OR c.last_checked_at IS NULL OR c.last_checked_at <= ?))
                       OR c.next_attempt_at <= ?)
                ORDER BY c.host_id""", String.class,
                Timestamp.from(now.minus(debounce)), Timestamp.from(fullCheckBefore), Timestamp.from(now));
    }

    @Override
    public Status status(String hostId) {
        return jdbc.query("SELECT " + STATUS_COLUMNS + " FROM host_convergence WHERE host_id = ?", JdbcConvergenceStore::map,
                hostId).stream().findFirst().orElse(new Status(hostId, 0, 0, 0, null, null, null, null));
    }

    @Override
    public List<Status> all() {
        return jdbc.query("SELECT " + STATUS_COLUMNS + " FROM host_convergence ORDER BY host_id", JdbcConvergenceStore::map);
    }

    @Override
    public void recordUpToDate(String hostId, long generation, Instant now) {
        jdbc.update("""
                UPDATE host_convergence SET checked_generation = ?, deployed_generation = ?, last_checked_at = ?,
                    next_attempt_at = NULL, consecutive_failures = 0 WHERE host_id = ?""",
                generation, generation, Timestamp.from(now), hostId);
    }

    @Override
    public void recordSuccess(String hostId, long generation, String hash, long version, Instant now) {
        jdbc.update("""
                UPDATE host_convergence SET checked_generation = ?, deployed_generation = ?, last_checked_at = ?,
                    next_attempt_at = NULL, consecutive_failures = 0, deployed_hash = ?, deployed_version = ?,
                    deployed_at = ? WHERE host_id = ?""",
                generation, generation, Timestamp.from(now), hash, version, Timestamp.from(now), hostId);
    }

    @Override
    public void recordFailure(String hostId, long generation, Instant now, Instant nextAttemptAt) {
        jdbc.update("""
                UPDATE host_convergence SET checked_generation = ?, last_checked_at = ?, next_attempt_at = ?,
                    consecutive_failures = consecutive_failures + 1 WHERE host_id = ?""",
                generation, Timestamp.from(now), Timestamp.from(nextAttemptAt), hostId);
    }

    @Override
    public void hold(String hostId, String hash, long version, Instant now) {
        jdbc.update("""
                UPDATE host_convergence SET held_version = ?, deployed_hash = ?, deployed_version = ?, deployed_at = ?,
                    next_attempt_at = NULL, consecutive_failures = 0 WHERE host_id = ?""",
                version, hash, version, Timestamp.from(now), hostId);
    }

    @Override
    public void release(String hostId) {
        jdbc.update("UPDATE host_convergence SET held_version = NULL, checked_generation = -1 WHERE host_id = ?", hostId);
    }

    private static Status map(ResultSet rs, int row) throws SQLException {
        Timestamp deployedAt = rs.getTimestamp(7);
        return new Status(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                rs.getObject(6, Long.class), deployedAt == null ? null : deployedAt.toInstant(), rs.getObject(8, Long.class));
    }
}

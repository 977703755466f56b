package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.DeploymentStore;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDeploymentStore implements DeploymentStore {

    /** Command output can be long (a large test-config report); the head says what went wrong. */
    private static final int MAX_OUTPUT = 20_000;

    private final JdbcTemplate jdbc;

    JdbcDeploymentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(DeploymentRecord d) {
        jdbc.update("""
                INSERT INTO deployment (host_id, version, content_hash, trigger, outcome, rolled_back, started_at,
                                        duration_ms, diff, output)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                d.hostId(), d.version(), d.contentHash(), d.trigger(), d.outcome(), d.rolledBack(),
                Timestamp.from(d.startedAt()), d.durationMillis(), d.diff(), truncate(d.output()));
    }

    @Override
    public List<DeploymentRecord> history(String hostId, int limit) {
        return jdbc.query("""
                SELECT host_id, version, content_hash, trigger, outcome, rolled_back, started_at, duration_ms, diff, output
                FROM deployment WHERE host_id = ? ORDER BY id DESC LIMIT ?""",
                (rs, row) -> new DeploymentRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getLong(8), rs.getString(9),
                        rs.getString(10)), hostId, limit);
    }

    private static String truncate(String text) {
        String value = text == null ? "" : text;
        return value.length() <= MAX_OUTPUT ? value : value.substring(0, MAX_OUTPUT) + "\n[truncated]";
    }
}

package io.emailengine.mailwizz.adapter.out;

import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.SuppressionStore;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSuppressionStore implements SuppressionStore {

    private static final int MAX_ERROR = 500;
    /**
     * Finished suppressions finished before the cutoff (parameter). Served by the partial index
     * {@code pending_suppression_finished_age}: PostgreSQL only uses a partial index when the statement implies its
     * predicate, so the state condition here and the index's {@code WHERE} must stay the same.
     */
    static final String PURGE_FINISHED = "DELETE FROM pending_suppression WHERE state IN ('done', 'not-found', 'failed') "
            + "AND finished_at < ?";

    private final JdbcTemplate jdbc;

    JdbcSuppressionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void enqueue(UUID eventId, TenantId tenant, Action action, String email, String messageId, String diagnostic, Instant now) {
        jdbc.update("""
                INSERT INTO pending_suppression (event_id, tenant_id, action, email, message_id, diagnostic, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                eventId, tenant.value(), wire(action), email, messageId, diagnostic, Timestamp.from(now), Timestamp.from(now));
    }

    @Override
    public List<PendingSuppression> claimDue(Instant now, int limit, Duration lease) {
        return jdbc.query("""
                UPDATE pending_suppression SET next_attempt_at = ?
                WHERE id IN (SELECT id FROM pending_suppression WHERE state = 'pending' AND next_attempt_at <= ?
                             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, tenant_id, action, email, message_id, diagnostic, attempts""",
                (rs, i) -> new PendingSuppression(rs.getLong("id"), new TenantId(rs.getString("tenant_id")),
                        "complaint".equals(rs.getString("action")) ? Action.COMPLAINT : Action.HARD_BOUNCE, rs.getString("email"),
                        rs.getString("message_id"), rs.getString("diagnostic"), rs.getInt("attempts")),
                Timestamp.from(now.plus(lease)), Timestamp.from(now), limit);
    }

    @Override
    public void finish(long id, String state, String outcome, String error, Instant now) {
        jdbc.update("UPDATE pending_suppression SET state = ?, outcome = ?, last_error = ?, finished_at = ? WHERE id = ?",
                state, outcome, truncate(error), Timestamp.from(now), id);
    }

    @Override
    public void retry(long id, Instant nextAttempt, String error) {
        jdbc.update("UPDATE pending_suppression SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                Timestamp.from(nextAttempt), truncate(error), id);
    }

    @Override
    public long countInState(String state) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM pending_suppression WHERE state = ?", Long.class, state);
        return count == null ? 0 : count;
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff) {
        return jdbc.update(PURGE_FINISHED, Timestamp.from(cutoff));
    }

    private static String wire(Action action) {
        return action == Action.COMPLAINT ? "complaint" : "hard-bounce";
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}

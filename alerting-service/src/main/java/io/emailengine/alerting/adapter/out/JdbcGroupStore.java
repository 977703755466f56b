package io.emailengine.alerting.adapter.out;

import io.emailengine.alerting.application.GroupRow;
import io.emailengine.alerting.application.GroupStore;
import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.GroupState;
import io.emailengine.alerting.domain.GroupTimers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcGroupStore implements GroupStore {

    private final JdbcTemplate jdbc;

    JdbcGroupStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void touch(GroupRef group, boolean firing, Instant now, GroupTimers timers) {
        Timestamp at = Timestamp.from(now);
        double waitSeconds = timers.groupWait().toMillis() / 1000.0;
        double intervalSeconds = timers.groupInterval().toMillis() / 1000.0;
        Destination destination = group.destination();
        jdbc.update("""
                INSERT INTO alert_group (group_key, tenant_id, group_value, severity, chat_id, thread_id, silent, open,
                                         episode_started_at, last_notified_at, notified_digest, next_evaluation_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)
                ON CONFLICT (group_key) DO UPDATE SET
                    open = TRUE,
                    episode_started_at = CASE WHEN alert_group.open THEN alert_group.episode_started_at
                                              ELSE excluded.episode_started_at END,
                    last_notified_at = CASE WHEN alert_group.open THEN alert_group.last_notified_at END,
                    notified_digest = CASE WHEN alert_group.open THEN alert_group.notified_digest END,
                    next_evaluation_at = CASE WHEN alert_group.open
                        THEN LEAST(alert_group.next_evaluation_at,
                                   GREATEST(excluded.episode_started_at,
                                            COALESCE(alert_group.last_notified_at + make_interval(secs => ?),
                                                     alert_group.episode_started_at + make_interval(secs => ?))))
                        ELSE excluded.next_evaluation_at END
                WHERE alert_group.open OR excluded.open""",
                group.key(), group.tenant(), group.groupValue(), group.severity(), destination.chatId(),
                destination.threadId(), destination.silent(), firing, at, Timestamp.from(now.plus(timers.groupWait())),
                intervalSeconds,
                waitSeconds);
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return jdbc.queryForList("SELECT group_key FROM alert_group WHERE open AND next_evaluation_at <= ? "
                + "ORDER BY next_evaluation_at LIMIT ?", String.class, Timestamp.from(now), limit);
    }

    @Override
    public Optional<GroupRow> lock(String groupKey) {
        return jdbc.query("""
                SELECT group_key, tenant_id, group_value, chat_id, thread_id, silent, open, episode_started_at,
                       last_notified_at, notified_digest, notification_seq
                FROM alert_group WHERE group_key = ? FOR UPDATE""", (rs, i) -> {
                    Timestamp notified = rs.getTimestamp(9);
                    return new GroupRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            new Destination(rs.getLong(4), rs.getObject(5, Long.class), rs.getBoolean(6)),
                            rs.getBoolean(7), new GroupState(rs.getTimestamp(8).toInstant(),
                            notified == null ? null : notified.toInstant(), rs.getString(10)), rs.getInt(11));
                }, groupKey).stream().findFirst();
    }

    @Override
    public void notified(String groupKey, Instant at, String digest, int seq, Instant nextEvaluation) {
        jdbc.update("UPDATE alert_group SET last_notified_at = ?, notified_digest = ?, notification_seq = ?, "
                + "next_evaluation_at = ? WHERE group_key = ?", Timestamp.from(at), digest, seq,
                Timestamp.from(nextEvaluation), groupKey);
    }

    @Override
    public void closeEpisode(String groupKey, int seq) {
        jdbc.update("UPDATE alert_group SET open = FALSE, notification_seq = ? WHERE group_key = ?", seq, groupKey);
    }

    @Override
    public void evaluateAgainAt(String groupKey, Instant at) {
        jdbc.update("UPDATE alert_group SET next_evaluation_at = ? WHERE group_key = ?", Timestamp.from(at), groupKey);
    }

    @Override
    public void migrateChat(long fromChatId, long toChatId) {
        jdbc.update("UPDATE alert_group SET chat_id = ? WHERE chat_id = ?", toChatId, fromChatId);
    }
}

package io.emailengine.alerting.adapter.out;

import io.emailengine.alerting.application.NotificationQueue;
import io.emailengine.alerting.application.NotificationRecord;
import io.emailengine.alerting.application.OutboundNotification;
import io.emailengine.alerting.application.QueuedNotification;
import io.emailengine.alerting.domain.Destination;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class JdbcNotificationQueue implements NotificationQueue {

    private static final int MAX_ERROR_LENGTH = 1000;
    /** Bounds the chain of followed migrations (a group migrates once; this only guards against a cycle). */
    private static final int MAX_MIGRATIONS = 5;

    /**
     * Sent and failed messages created before the cutoff (parameter). Served by the partial index
     * {@code notification_finished_age}: PostgreSQL only uses a partial index when the statement implies its
     * predicate, so the status condition here and the index's {@code WHERE} must stay the same.
     */
    static final String PURGE_FINISHED = "DELETE FROM notification WHERE status IN ('sent', 'failed') AND created_at < ?";

    private final JdbcTemplate jdbc;

    JdbcNotificationQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean enqueue(OutboundNotification notification, Instant now) {
        Destination destination = notification.destination();
        Timestamp at = Timestamp.from(now);
        return jdbc.update("""
                INSERT INTO notification (group_key, seq, tenant_id, kind, chat_id, thread_id, silent, text, status,
                                          next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                ON CONFLICT ON CONSTRAINT notification_once DO NOTHING""",
                notification.groupKey(), notification.seq(), notification.tenant(), notification.kind(),
                destination.chatId(), destination.threadId(), destination.silent(), notification.text(), at, at) == 1;
    }

    @Override
    public List<QueuedNotification> claimDue(Instant now, Instant leaseUntil, int limit) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query("""
                WITH due AS (
                    SELECT n.id, n.status AS previous FROM notification n
                    WHERE n.status IN ('pending', 'sending') AND n.next_attempt_at <= ?
                      AND (n.status = 'pending' OR n.lease_until < ?)
                      AND NOT EXISTS (SELECT 1 FROM notification earlier
                                      WHERE earlier.group_key = n.group_key AND earlier.seq < n.seq
                                        AND earlier.status IN ('pending', 'sending'))
                    ORDER BY n.id LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE notification SET status = 'sending', lease_until = ? FROM due
                WHERE notification.id = due.id
                RETURNING notification.id, notification.group_key, notification.seq, notification.kind,
                          notification.chat_id, notification.thread_id, notification.silent, notification.text,
                          notification.attempts, due.previous, notification.plain_text""",
                (rs, i) -> new QueuedNotification(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        new Destination(rs.getLong(5), rs.getObject(6, Long.class), rs.getBoolean(7)), rs.getString(8),
                        rs.getBoolean(11), rs.getInt(9), "sending".equals(rs.getString(10))),
                at, at, limit, Timestamp.from(leaseUntil)).stream()
                .sorted(Comparator.comparingLong(QueuedNotification::id)).toList();
    }

    @Override
    public void markSent(long id, long telegramMessageId, Instant at) {
        jdbc.update("UPDATE notification SET status = 'sent', sent_at = ?, telegram_message_id = ?, lease_until = NULL, "
                + "last_error = NULL, error_code = NULL WHERE id = ? AND status <> 'sent'", Timestamp.from(at),
                telegramMessageId, id);
    }

    @Override
    public void retryAt(long id, Instant at, Integer errorCode, String error, boolean countsAsAttempt) {
        jdbc.update("UPDATE notification SET status = 'pending', next_attempt_at = ?, lease_until = NULL, "
                + "attempts = attempts + ?, error_code = COALESCE(?, error_code), last_error = COALESCE(?, last_error) "
                + "WHERE id = ? AND status = 'sending'", Timestamp.from(at), countsAsAttempt ? 1 : 0, errorCode,
                shorten(error), id);
    }

    @Override
    public void retryAsPlainText(long id, String plainText, Instant at) {
        jdbc.update("UPDATE notification SET status = 'pending', next_attempt_at = ?, lease_until = NULL, "
                + "plain_text = TRUE, text = ?, error_code = 400, last_error = 'HTML refused; resent as plain text' "
                + "WHERE id = ? AND status = 'sending'", Timestamp.from(at), plainText, id);
    }

    @Override
    public void markFailed(long id, int errorCode, String error, Instant at) {
        jdbc.update("UPDATE notification SET status = 'failed', lease_until = NULL, attempts = attempts + 1, "
                + "error_code = ?, last_error = ? WHERE id = ? AND status = 'sending'", errorCode, shorten(error), id);
    }

    @Override
    public void migrateChat(long fromChatId, long toChatId, Instant at) {
        jdbc.update("INSERT INTO chat_migration (from_chat_id, to_chat_id, migrated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (from_chat_id) DO UPDATE SET to_chat_id = excluded.to_chat_id, "
                + "migrated_at = excluded.migrated_at", fromChatId, toChatId, Timestamp.from(at));
        jdbc.update("UPDATE notification SET chat_id = ? WHERE chat_id = ? AND status IN ('pending', 'sending')",
                toChatId, fromChatId);
    }

    @Override
    public Destination followMigrations(Destination destination) {
        Destination current = destination;
        for (int i = 0; i < MAX_MIGRATIONS; i++) {
            List<Long> next = jdbc.queryForList("SELECT to_chat_id FROM chat_migration WHERE from_chat_id = ?",
                    Long.class, current.chatId());
            if (next.isEmpty()) {
                return current;
            }
            current = current.withChat(next.get(0));
        }
        return current;
    }

    @Override
    public long depth() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM notification WHERE status IN ('pending', 'sending')",
                Long.class);
        return count == null ? 0 : count;
    }

    @Override
    public List<NotificationRecord> list(String status, int limit) {
        String columns = "id, group_key, seq, tenant_id, kind, chat_id, thread_id, status, attempts, error_code, "
                + "last_error, created_at, sent_at, next_attempt_at";
        RowMapper<NotificationRecord> row = (rs, i) -> new NotificationRecord(rs.getLong(1), rs.getString(2),
                rs.getInt(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getObject(7, Long.class),
                rs.getString(8), rs.getInt(9), rs.getObject(10, Integer.class), rs.getString(11),
                rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));
        if (status == null) {
            return jdbc.query("SELECT " + columns + " FROM notification ORDER BY id DESC LIMIT ?", row, limit);
        }
        return jdbc.query("SELECT " + columns + " FROM notification WHERE status = ? ORDER BY id DESC LIMIT ?", row,
                status, limit);
    }

    @Override
    public boolean requeueFailed(long id, Instant now) {
        return jdbc.update("UPDATE notification SET status = 'pending', next_attempt_at = ?, attempts = 0 "
                + "WHERE id = ? AND status = 'failed'", Timestamp.from(now), id) == 1;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff) {
        return jdbc.update(PURGE_FINISHED, Timestamp.from(cutoff));
    }

    @Override
    public Optional<Instant> oldestUnsentCreatedAt() {
        Timestamp oldest = jdbc.queryForObject("SELECT min(created_at) FROM notification "
                + "WHERE status IN ('pending', 'sending')", Timestamp.class);
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }

    private static String shorten(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the persistent send queue of Telegram messages. */
public interface NotificationQueue {

    /** Adds a message unless (groupKey, seq) is already queued; true when added. */
    boolean enqueue(OutboundNotification notification, Instant now);

    /**
     * Claims due rows for sending until {@code leaseUntil}: pending ones, and ones whose earlier
     * claim expired (the claimer died). Only the oldest unsent message of a group is claimable, so a
     * group's messages are delivered in order (never a resolve before its firing message).
     */
    List<QueuedNotification> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Marks a claimed row sent; never touches a row already sent. */
    void markSent(long id, long telegramMessageId, Instant at);

    /** Back to pending until {@code at}; {@code error} (already free of secrets) is kept for operators. */
    void retryAt(long id, Instant at, Integer errorCode, String error, boolean countsAsAttempt);

    /** Telegram could not parse the HTML: send this plain text instead, as soon as allowed. */
    void retryAsPlainText(long id, String plainText, Instant at);

    /** Telegram refused it for good (400/401/403): kept with the reason, never retried. */
    void markFailed(long id, int errorCode, String error, Instant at);

    /** A group chat became a supergroup: unsent rows (and later sends) follow the new chat id. */
    void migrateChat(long fromChatId, long toChatId, Instant at);

    /** Where messages to this chat really go (after recorded migrations). */
    Destination followMigrations(Destination destination);

    long depth();

    /** Queue rows by status (null: all), newest first, for operators. */
    List<NotificationRecord> list(String status, int limit);

    /** Puts a failed row back into the queue (after an operator fixed the token or re-added the bot). */
    boolean requeueFailed(long id, Instant now);

    /** Deletes sent and failed messages created before {@code cutoff}; unsent ones are never deleted. */
    int purgeFinishedBefore(Instant cutoff);

    Optional<Instant> oldestUnsentCreatedAt();
}

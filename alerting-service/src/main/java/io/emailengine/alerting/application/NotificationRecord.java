package io.emailengine.alerting.application;

import java.time.Instant;

/** One row of the send queue as operators see it (without the message text). */
public record NotificationRecord(long id, String groupKey, int seq, String tenant, String kind, long chatId,
                                 Long threadId, String status, int attempts, Integer errorCode, String lastError,
                                 Instant createdAt, Instant sentAt, Instant nextAttemptAt) {
}

package io.emailengine.alerting.application;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case: operators inspect the send queue and put refused messages back once the cause is fixed
 * (a corrected bot token after 401, the bot re-added to a chat after 403). Refused messages are never
 * retried automatically; this keeps them recoverable instead of lost.
 */
@Service
public class SendQueueAdmin {

    private static final Set<String> STATUSES = Set.of("pending", "sending", "sent", "failed");

    private final NotificationQueue queue;
    private final Clock clock;

    public SendQueueAdmin(NotificationQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    public List<NotificationRecord> list(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: must be one of pending, sending, sent, failed");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: must be between 1 and 1000");
        }
        return queue.list(status, limit);
    }

    @Transactional
    public void requeue(long id) {
        if (!queue.requeueFailed(id, clock.instant())) {
            throw new IllegalArgumentException("notification " + id + " is not a failed message");
        }
    }
}

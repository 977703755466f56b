package io.emailengine.alerting.application;

import io.emailengine.alerting.application.TelegramGateway.SendOutcome;
import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.SendPacer;
import io.emailengine.alerting.domain.TelegramHtml;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case, run on a schedule: works the persistent send queue.
 *
 * <p>Delivery guarantee: a message is claimed (committed, with a lease), sent, and marked sent in
 * its own short transaction right after Telegram's 200. A message marked sent is never sent again.
 * If that write fails (database unavailable) the sender keeps the delivery in memory and marks it
 * first thing next round, before claiming anything. If the process dies between Telegram's 200 and
 * that commit (milliseconds), the lease expires and
 * the message is sent once more: Telegram has no idempotency key, so that narrow window is the one
 * place a duplicate can come from; everything else is exactly once. A message whose claim expired
 * is logged as possibly duplicated. Transient failures (5xx, I/O) are retried with capped
 * exponential backoff for as long as it takes; 429 waits {@code retry_after}; 400/401/403 are
 * recorded as failed, counted, and never retried unchanged (a group migration is followed).
 */
@Service
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationQueue queue;
    private final GroupStore groups;
    private final TelegramGateway telegram;
    private final SendPacer pacer;
    private final DispatchSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    /**
     * Messages Telegram accepted whose "sent" mark could not be written (database unavailable): they are
     * marked first thing next round, before anything else is claimed, so a database hiccup right after
     * Telegram's 200 does not turn into a resend once the lease expires.
     */
    private final Map<Long, Long> unconfirmed = new LinkedHashMap<>();

    public NotificationDispatcher(NotificationQueue queue, GroupStore groups, TelegramGateway telegram,
                                  SendPacer pacer, DispatchSettings settings, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.groups = groups;
        this.telegram = telegram;
        this.pacer = pacer;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("email_engine_alerting_queue_depth", this, NotificationDispatcher::depth)
                .description("Telegram messages queued and not yet sent").register(meters);
        Gauge.builder("email_engine_alerting_queue_oldest_age_seconds", this, NotificationDispatcher::oldestAgeSeconds)
                .description("Age of the oldest queued, unsent Telegram message (0 when none)").register(meters);
        // The refusals an operator must act on exist from the start, so dashboards and rules see 0, not nothing.
        for (String errorCode : List.of("400", "401", "403")) {
            counter("email_engine_alerting_notifications_failed", "Telegram messages refused for good", "error_code", errorCode);
        }
        for (String kind : List.of(OutboundNotification.FIRING, OutboundNotification.RESOLVED, OutboundNotification.TEST)) {
            counter("email_engine_alerting_notifications_sent", "Telegram messages delivered", "kind", kind);
        }
        for (String reason : List.of("rate_limited", "transient", "chat_migrated", "plain_text_fallback")) {
            counter("email_engine_alerting_notifications_retried", "Telegram sends to be tried again", "reason", reason);
        }
    }

    /** Sends what is due now; returns how many messages Telegram accepted. */
    public synchronized int dispatchDue() {
        confirmDelivered();
        Instant now = clock.instant();
        List<QueuedNotification> claimed = queue.claimDue(now, now.plus(settings.lease()), settings.batchSize());
        // Past half the lease (a slow Telegram), the rest of the batch goes back to the queue unsent rather than
        // risk being sent while another sender, seeing the lease expire, takes it over.
        Instant stopSendingAt = now.plus(settings.lease().dividedBy(2));
        int delivered = 0;
        for (QueuedNotification notification : claimed) {
            if (clock.instant().isAfter(stopSendingAt)) {
                queue.retryAt(notification.id(), clock.instant(), null, null, false);
            } else if (deliver(notification)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(QueuedNotification notification) {
        Instant now = clock.instant();
        Destination destination = notification.destination();
        Instant allowed = pacer.earliestSend(destination.chatId(), now);
        if (allowed.isAfter(now)) {
            // Pacing is not a failure: back to the queue without counting an attempt.
            queue.retryAt(notification.id(), allowed, null, null, false);
            return false;
        }
        if (notification.resumed()) {
            log.warn("Notification {} (group {} #{}) was claimed before and never confirmed; sending it again, "
                    + "Telegram may show it twice", notification.id(), notification.groupKey(), notification.seq());
        }
        pacer.recordSend(destination.chatId(), now);
        SendOutcome outcome = telegram.send(destination, notification.text(), !notification.plainText());
        Instant after = clock.instant();
        if (outcome instanceof SendOutcome.Delivered delivered) {
            unconfirmed.put(notification.id(), delivered.messageId());
            counter("email_engine_alerting_notifications_sent", "Telegram messages delivered", "kind",
                    notification.kind()).increment();
            confirmDelivered();
            return true;
        }
        if (outcome instanceof SendOutcome.RetryAfter retry) {
            Instant until = after.plus(retry.delay());
            pacer.pause(destination.chatId(), until);
            queue.retryAt(notification.id(), until, 429, retry.description(), false);
            retried("rate_limited");
            log.info("Telegram rate-limited chat {}; notification {} waits {}", destination.chatId(),
                    notification.id(), retry.delay());
        } else if (outcome instanceof SendOutcome.ChatMigrated migrated) {
            queue.migrateChat(destination.chatId(), migrated.newChatId(), after);
            groups.migrateChat(destination.chatId(), migrated.newChatId());
            queue.retryAt(notification.id(), after, 400, migrated.description(), false);
            retried("chat_migrated");
            log.warn("Telegram chat {} migrated to {}; queued messages follow", destination.chatId(),
                    migrated.newChatId());
        } else if (outcome instanceof SendOutcome.Rejected rejected && rejected.errorCode() == 400
                && !notification.plainText() && rejected.description().contains("can't parse entities")) {
            queue.retryAsPlainText(notification.id(), TelegramHtml.toPlainText(notification.text()), after);
            retried("plain_text_fallback");
            log.error("Telegram could not parse notification {} as HTML ({}); sending it as plain text",
                    notification.id(), rejected.description());
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            queue.markFailed(notification.id(), rejected.errorCode(), rejected.description(), after);
            counter("email_engine_alerting_notifications_failed", "Telegram messages refused for good",
                    "error_code", Integer.toString(rejected.errorCode())).increment();
            log.error("Telegram refused notification {} to chat {} with {}: {}; not retried", notification.id(),
                    destination.chatId(), rejected.errorCode(), rejected.description());
        } else if (outcome instanceof SendOutcome.TransientFailure failure) {
            Duration delay = settings.backoff().delayAfter(notification.attempts() + 1);
            queue.retryAt(notification.id(), after.plus(delay), null, failure.reason(), true);
            retried("transient");
            log.warn("Sending notification {} failed (attempt {}), retrying in {}: {}", notification.id(),
                    notification.attempts() + 1, delay, failure.reason());
        }
        return false;
    }

    private void confirmDelivered() {
        for (Iterator<Map.Entry<Long, Long>> it = unconfirmed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> sent = it.next();
            queue.markSent(sent.getKey(), sent.getValue(), clock.instant());
            it.remove();
        }
    }

    private void retried(String reason) {
        counter("email_engine_alerting_notifications_retried", "Telegram sends to be tried again", "reason", reason)
                .increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(meters);
    }

    private double depth() {
        try {
            return queue.depth();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double oldestAgeSeconds() {
        try {
            return queue.oldestUnsentCreatedAt()
                    .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
                    .orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}

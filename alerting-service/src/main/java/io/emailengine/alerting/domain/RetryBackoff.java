package io.emailengine.alerting.domain;

import java.time.Duration;

/**
 * Exponential backoff for a queued message after a transient failure (5xx, I/O, timeout), capped so
 * that after a long outage a message is tried again within {@code max} of Telegram coming back.
 * Messages are never abandoned for transient failures: the queue retries until delivery.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: initial > 0 and max >= initial");
        }
    }

    /** Delay before the next try after {@code failedAttempts} failures (1 = the first failure). */
    public Duration delayAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}

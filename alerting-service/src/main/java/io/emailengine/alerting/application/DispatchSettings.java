package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.RetryBackoff;
import java.time.Duration;

/**
 * How the send queue is worked.
 *
 * @param lease how long a claimed message is reserved for one sender; longer than an HTTP call
 *              with its timeout, so a live sender never has its message taken over
 */
public record DispatchSettings(Duration lease, int batchSize, RetryBackoff backoff) {
}

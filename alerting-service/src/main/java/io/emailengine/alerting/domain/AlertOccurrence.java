package io.emailengine.alerting.domain;

import io.emailengine.events.AlertStatus;
import io.emailengine.events.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One AlertRaised as received, kept in the history. */
public record AlertOccurrence(long id, UUID eventId, String fingerprint, String tenant, Severity severity,
                              String source, String summary, String details, Map<String, String> labels,
                              AlertStatus status, Instant occurredAt, Instant receivedAt) {
}

package io.emailengine.alerting.domain;

import io.emailengine.events.AlertStatus;
import io.emailengine.events.Severity;
import java.time.Instant;
import java.util.Map;

/** The deduplicated state of one alert (one fingerprint). */
public record StoredAlert(String fingerprint, String tenant, Severity severity, String source, String summary,
                          String details, Map<String, String> labels, AlertStatus status, Instant firstSeen,
                          Instant lastSeen, long occurrences) {

    public Map<String, String> matchableLabels() {
        return MatchableLabels.of(labels, severity, source);
    }
}

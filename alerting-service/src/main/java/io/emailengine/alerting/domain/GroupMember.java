package io.emailengine.alerting.domain;

import io.emailengine.events.AlertStatus;
import io.emailengine.events.Severity;
import java.util.Map;

/**
 * One alert of a notification group as the evaluator sees it.
 *
 * @param muted silenced or inhibited right now: stored and counted, but not announced
 */
public record GroupMember(String fingerprint, Severity severity, AlertStatus status, String summary, String details,
                          Map<String, String> labels, long occurrences, boolean muted) {

    public boolean firingUnmuted() {
        return status == AlertStatus.FIRING && !muted;
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }
}

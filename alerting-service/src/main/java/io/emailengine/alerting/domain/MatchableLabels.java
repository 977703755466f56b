package io.emailengine.alerting.domain;

import io.emailengine.events.Severity;
import java.util.HashMap;
import java.util.Map;

/** The labels silences and inhibition rules match on: the alert's own plus severity, source and alertname. */
public final class MatchableLabels {

    private MatchableLabels() {
    }

    public static Map<String, String> of(Map<String, String> labels, Severity severity, String source) {
        Map<String, String> matchable = new HashMap<>(labels);
        matchable.put("severity", severity.wireName());
        matchable.putIfAbsent("source", source);
        matchable.putIfAbsent("alertname", source);
        return matchable;
    }

    /** What an alert is grouped by: its {@code alertname} label, or its source when it has none. */
    public static String groupValue(Map<String, String> labels, String source) {
        return labels.getOrDefault("alertname", source);
    }
}

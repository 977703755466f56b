package io.emailengine.alerting.domain;

import java.util.List;
import java.util.Map;

/**
 * An inhibition rule: while a firing alert matches {@code source}, alerts of the same tenant that
 * match {@code target} and carry the same values for every {@code equal} label are muted (a
 * critical "PowerMTA host unreachable" mutes the warnings it causes on that host).
 */
public record Inhibition(List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

    public Inhibition {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
        if (source.isEmpty() || target.isEmpty() || equal.isEmpty()) {
            throw new IllegalArgumentException("inhibition rule needs source and target matchers and equal labels");
        }
    }

    public boolean isSource(Map<String, String> labels) {
        return source.stream().allMatch(m -> m.matches(labels));
    }

    /** Whether a firing source alert (labels {@code sourceLabels}) mutes a target alert. */
    public boolean inhibits(Map<String, String> sourceLabels, Map<String, String> targetLabels) {
        if (!target.stream().allMatch(m -> m.matches(targetLabels)) || isSource(targetLabels)) {
            return false;
        }
        return equal.stream().allMatch(name -> targetLabels.containsKey(name)
                && targetLabels.get(name).equals(sourceLabels.get(name)));
    }
}

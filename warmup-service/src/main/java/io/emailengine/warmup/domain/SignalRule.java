package io.emailengine.warmup.domain;

import java.time.Duration;
import java.util.Locale;

/**
 * Reaction to one provider signal code (as recognised by bounce ingestion, e.g. {@code yahoo-tss04}):
 * fires when the code was seen at least {@code minCount} times within the signal window (the tick period),
 * not counting signals an earlier reaction already handled ({@link SignalsHandled}).
 */
public record SignalRule(String code, SignalAction action, Duration pauseFor, double cutFactor, long minCount) {

    public SignalRule {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("signal rule needs a code");
        }
        code = code.toLowerCase(Locale.ROOT);
        if (action == null) {
            throw new IllegalArgumentException("signal rule " + code + " needs an action");
        }
        if (action == SignalAction.PAUSE_FOR && (pauseFor == null || pauseFor.isNegative() || pauseFor.isZero())) {
            throw new IllegalArgumentException("signal rule " + code + " pauses for a positive duration");
        }
        if (action == SignalAction.CUT && (cutFactor <= 0 || cutFactor >= 1)) {
            throw new IllegalArgumentException("signal rule " + code + " cut factor must be in (0, 1), was " + cutFactor);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("signal rule " + code + " minCount must be >= 1");
        }
    }

    /** Severity order: an operator-only pause beats a timed pause beats a cut. */
    int precedence() {
        return action.severityRank();
    }
}

package io.emailengine.bounceingest.domain;

import java.util.Map;
import java.util.TreeMap;

/** Outcome counters of one window cell; a block counts as a deferral or a soft bounce by its phase. */
public final class WindowCounts {

    private long delivered;
    private long hard;
    private long soft;
    private long deferred;
    private long complaints;
    private final Map<String, Long> signals = new TreeMap<>();

    public void add(Classification classification) {
        switch (classification.outcome()) {
            case DELIVERED -> delivered++;
            case HARD -> hard++;
            case SOFT -> soft++;
            case DEFERRAL -> deferred++;
            case COMPLAINT -> complaints++;
            case BLOCK -> {
                if (classification.deferredPhase()) {
                    deferred++;
                } else {
                    soft++;
                }
            }
            case IGNORED -> { }
        }
        if (classification.signal() != null) {
            signals.merge(classification.signal().code(), 1L, Long::sum);
        }
    }

    public long delivered() {
        return delivered;
    }

    public long hard() {
        return hard;
    }

    public long soft() {
        return soft;
    }

    public long deferred() {
        return deferred;
    }

    public long complaints() {
        return complaints;
    }

    public Map<String, Long> signals() {
        return signals;
    }

    public boolean isEmpty() {
        return delivered + hard + soft + deferred + complaints == 0 && signals.isEmpty();
    }
}

package io.emailengine.warmup.domain;

import java.util.List;

/**
 * What the rules see of one IP × provider: the last tick period (for mid-day reactions), the
 * current warmup day so far, and the provider signals of the signal window, per code and minute.
 */
public record ProviderStats(WindowStats lastHour, WindowStats day, List<SignalCount> signals) {

    public static final ProviderStats NONE = new ProviderStats(WindowStats.EMPTY, WindowStats.EMPTY, List.of());

    public ProviderStats {
        lastHour = lastHour == null ? WindowStats.EMPTY : lastHour;
        day = day == null ? WindowStats.EMPTY : day;
        signals = List.copyOf(signals == null ? List.of() : signals);
    }
}

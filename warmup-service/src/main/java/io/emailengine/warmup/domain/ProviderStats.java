package io.emailengine.warmup.domain;

import java.util.Map;

/**
 * What the rules see of one IP × provider: the last tick period (for mid-day reactions), the
 * current warmup day so far, and the provider signal codes counted in the last tick period.
 */
public record ProviderStats(WindowStats lastHour, WindowStats day, Map<String, Long> signals) {

    public static final ProviderStats NONE = new ProviderStats(WindowStats.EMPTY, WindowStats.EMPTY, Map.of());

    public ProviderStats {
        lastHour = lastHour == null ? WindowStats.EMPTY : lastHour;
        day = day == null ? WindowStats.EMPTY : day;
        signals = Map.copyOf(signals == null ? Map.of() : signals);
    }
}

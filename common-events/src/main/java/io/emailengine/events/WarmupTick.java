package io.emailengine.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The warmup clock moved: evaluate every warming IP now. */
public record WarmupTick(UUID tickId, Instant tickTime, Duration period) implements EventPayload {

    /** One key for all ticks, so they are consumed strictly in order. */
    public static final String PARTITION_KEY = "warmup-clock";

    public WarmupTick {
        Fields.required(tickId, "WarmupTick.tickId");
        Fields.required(tickTime, "WarmupTick.tickTime");
        Fields.required(period, "WarmupTick.period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("WarmupTick.period must be positive, was " + period);
        }
    }

    @Override
    public String partitionKey() {
        return PARTITION_KEY;
    }
}

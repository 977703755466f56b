package io.emailengine.warmup.application;

import java.time.Duration;

/** How the engine is clocked: the tick period, and the producer name put on every event. */
public record EngineSettings(Duration tickPeriod, String producer) {
}

package io.emailengine.warmup.domain;

/** Whether the engine is warming an IP. Per-provider detail lives in {@link ProviderWarmup}. */
public enum WarmupStatus {
    NOT_STARTED, WARMING, ABORTED
}

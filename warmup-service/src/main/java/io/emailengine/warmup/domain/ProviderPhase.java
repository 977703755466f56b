package io.emailengine.warmup.domain;

/** Where one IP stands with one provider. */
public enum ProviderPhase {
    /** Growing stage by stage. */
    WARMING,
    /** Not sending to this provider: for a duration (pausedUntil) or until an operator resumes. */
    PAUSED,
    /** At the plan's target; kept warm by the maintenance floor. */
    WARM
}

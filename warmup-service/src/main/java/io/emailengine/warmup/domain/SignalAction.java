package io.emailengine.warmup.domain;

/** What a provider block signal does to that provider's warmup. */
public enum SignalAction {
    /** Stop sending to the provider for a fixed duration, then resume at the same quota. */
    PAUSE_FOR,
    /** Stop sending until an operator resumes; a critical alert. */
    PAUSE_UNTIL_RESUMED,
    /** Keep sending, at a fraction of the current quota. */
    CUT
}

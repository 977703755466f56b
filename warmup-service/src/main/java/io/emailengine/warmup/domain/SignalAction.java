package io.emailengine.warmup.domain;

/** What a provider block signal does to that provider's warmup. */
public enum SignalAction {
    /** Stop sending to the provider for a fixed duration, then resume at the same quota. */
    PAUSE_FOR,
    /** Stop sending until an operator resumes; a critical alert. */
    PAUSE_UNTIL_RESUMED,
    /** Keep sending, at a fraction of the current quota. */
    CUT;

    /** Severity order, most severe first: an operator-only pause beats a timed pause beats a cut. */
    public int severityRank() {
        return switch (this) {
            case PAUSE_UNTIL_RESUMED -> 0;
            case PAUSE_FOR -> 1;
            case CUT -> 2;
        };
    }
}

package io.emailengine.bounceingest.domain;

import io.emailengine.events.BounceKind;

/** What one accounting record means for the sending IP and the recipient. */
public enum Outcome {
    DELIVERED(null),
    HARD(BounceKind.HARD),
    SOFT(BounceKind.SOFT),
    DEFERRAL(BounceKind.DEFERRAL),
    COMPLAINT(BounceKind.COMPLAINT),
    BLOCK(BounceKind.BLOCK),
    /** e.g. {@code r} (received) or a remote status that reports success: counted, not an outcome */
    IGNORED(null);

    private final BounceKind kind;

    Outcome(BounceKind kind) {
        this.kind = kind;
    }

    /** The published kind; null for outcomes that are not a non-delivery. */
    public BounceKind bounceKind() {
        return kind;
    }
}

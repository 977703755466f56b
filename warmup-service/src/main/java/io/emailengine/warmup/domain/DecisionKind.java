package io.emailengine.warmup.domain;

/** What a decision did to one IP × provider. */
public enum DecisionKind {
    START, PROMOTE, HOLD, BACK_OFF, PAUSE, RESUME, WARM, COLD, OVERRIDE
}

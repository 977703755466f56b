package io.emailengine.warmup.domain;

/** What a decision means for the IP × provider health alert. */
public enum AlertIntent {
    NONE, WARNING, CRITICAL, RESOLVE
}

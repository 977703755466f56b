package io.emailengine.warmup.domain;

/** A plan template breaks a rule; the message says which provider, which stage and why. */
public class InvalidPlanException extends IllegalArgumentException {

    public InvalidPlanException(String message) {
        super(message);
    }
}

package io.emailengine.warmup.application;

/** The request contradicts the current state (e.g. an IP owned by another tenant); answered as 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

package io.emailengine.kit.consumer;

/**
 * A well-formed event this consumer cannot accept (e.g. a tenant-scoped event without a tenant).
 * Retrying cannot change the verdict, so the error handler sends it straight to the DLT.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }
}

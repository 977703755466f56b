package io.emailengine.bounceingest.application.parse;

/** The input as a whole is not PowerMTA accounting data (answered 400, nothing ingested). */
public class NotAccountingDataException extends RuntimeException {

    public NotAccountingDataException(String message) {
        super(message);
    }
}

package io.emailengine.events;

/**
 * A message is not a valid event: unparseable, missing a required field, or carrying an invalid
 * value. Consumers send such records to the dead-letter topic; the message names the field path
 * so that the DLT entry explains itself.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

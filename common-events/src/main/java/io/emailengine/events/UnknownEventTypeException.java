package io.emailengine.events;

/** The {@code type} of a message names no event this version of the contracts knows. */
public class UnknownEventTypeException extends InvalidEventException {

    private final String type;

    public UnknownEventTypeException(String type) {
        super("unknown event type '" + type + "'");
        this.type = type;
    }

    public String type() {
        return type;
    }
}

package io.emailengine.events.types;

/**
 * A value type rejected its input. Keeps the value type and the reason apart so that the JSON
 * reader can report {@code payload.ip: not an IP address literal: '999.1.1.1'} without repeating
 * the type name, while a direct caller still sees {@code SendingIp: not an IP address literal ...}.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private final String valueType;
    private final String reason;

    public InvalidValueException(String valueType, String reason) {
        super(valueType + ": " + reason);
        this.valueType = valueType;
        this.reason = reason;
    }

    public String valueType() {
        return valueType;
    }

    public String reason() {
        return reason;
    }
}

package io.emailengine.pmtaconfig.domain;

/**
 * A value that would end up in a PowerMTA config line, an SSH command or a remote path failed its
 * whitelist. Names the field so that REST answers 400 "field: reason" and an event can be
 * dead-lettered with the same text. The rejected value itself is echoed only in printable form.
 */
public class InvalidConfigValueException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidConfigValueException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}

package io.emailengine.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How urgently an operator must look. Lowercase on the wire. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String wireName() {
        return Fields.wireName(this);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Severity fromWireName(String text) {
        return Fields.fromWireName(Severity.class, text);
    }
}

package io.emailengine.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the condition behind an alert is still present. Lowercase on the wire. */
public enum AlertStatus {
    FIRING, RESOLVED;

    @JsonValue
    public String wireName() {
        return Fields.wireName(this);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AlertStatus fromWireName(String text) {
        return Fields.fromWireName(AlertStatus.class, text);
    }
}

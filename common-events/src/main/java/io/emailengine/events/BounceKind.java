package io.emailengine.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of non-delivery outcome; decides suppression (hard, complaint) versus reputation signal. Lowercase on the wire. */
public enum BounceKind {
    HARD, SOFT, DEFERRAL, COMPLAINT, BLOCK;

    @JsonValue
    public String wireName() {
        return Fields.wireName(this);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BounceKind fromWireName(String text) {
        return Fields.fromWireName(BounceKind.class, text);
    }
}

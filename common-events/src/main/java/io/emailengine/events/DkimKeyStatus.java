package io.emailengine.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a generated DKIM key is in use: {@code active} keys sign mail and must be published in DNS;
 * a {@code retired} key was replaced by a rotation and may be withdrawn from DNS. Lowercase on the wire.
 */
public enum DkimKeyStatus {
    ACTIVE, RETIRED;

    @JsonValue
    public String wireName() {
        return Fields.wireName(this);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DkimKeyStatus fromWireName(String text) {
        return Fields.fromWireName(DkimKeyStatus.class, text);
    }
}

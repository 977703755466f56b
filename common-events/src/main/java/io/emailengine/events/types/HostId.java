package io.emailengine.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Identifies one PowerMTA host; the partition key of its config events. */
public record HostId(String value) {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public HostId {
        Whitelist.require("HostId", PATTERN, value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static HostId of(String value) {
        return new HostId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}

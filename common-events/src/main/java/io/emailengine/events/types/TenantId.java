package io.emailengine.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Identifies one tenant (one client of the platform); used in keys, paths and SQL. */
public record TenantId(String value) {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TenantId {
        Whitelist.require("TenantId", PATTERN, value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TenantId of(String value) {
        return new TenantId(value);
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

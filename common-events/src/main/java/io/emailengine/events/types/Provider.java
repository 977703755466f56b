package io.emailengine.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A mailbox provider that warmup tracks separately (gmail, microsoft, ...). Open-ended rather than
 * an enum because operators configure more providers in the catalogue; the constants are the ones
 * every installation has.
 */
public record Provider(String name) implements Comparable<Provider> {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public static final Provider GMAIL = new Provider("gmail");
    public static final Provider MICROSOFT = new Provider("microsoft");
    public static final Provider YAHOO = new Provider("yahoo");
    /** Fallback for every recipient domain no provider claims. */
    public static final Provider OTHER = new Provider("other");

    public Provider {
        Whitelist.require("Provider", PATTERN, name);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Provider of(String name) {
        return new Provider(name);
    }

    @JsonValue
    @Override
    public String name() {
        return name;
    }

    @Override
    public int compareTo(Provider other) {
        return name.compareTo(other.name);
    }

    /** The plain name, so that a Provider used as a JSON map key serialises as its name. */
    @Override
    public String toString() {
        return name;
    }
}

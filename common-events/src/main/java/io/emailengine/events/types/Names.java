package io.emailengine.events.types;

import java.util.regex.Pattern;

/**
 * The whitelists for names the events carry as plain strings and that end up in PowerMTA config
 * lines: one definition, used by the event contracts and by every service that validates the same
 * values earlier (e.g. at registration).
 */
public final class Names {

    /** Host and domain names: LDH labels, at least two, 253 characters at most. */
    public static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** DKIM selectors, PowerMTA pool names. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {
    }
}

package io.emailengine.mailwizz.domain;

import java.util.regex.Pattern;

/**
 * MailWizz's table prefix. A table name cannot be a bind parameter, so the prefix is whitelisted
 * before it may become part of any SQL text.
 */
public record TablePrefix(String value) {

    public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_]{0,32}");

    public TablePrefix {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("MailWizz table prefix must match " + ALLOWED.pattern());
        }
    }

    /** The quoted name of MailWizz's delivery server table, e.g. {@code `mw_delivery_server`}. */
    public String deliveryServerTable() {
        return "`" + value + "delivery_server`";
    }
}

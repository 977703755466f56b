package io.emailengine.simulator.mailwizz;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A subscriber list created at start, with confirmed subscribers.
 *
 * @param listUid 13 characters in MailWizz; here {@code [a-z0-9]{1,32}}
 */
public record ListSeed(long customerId, String listUid, String name, List<String> subscriberEmails) {

    static final Pattern UID = Pattern.compile("[a-z0-9]{1,32}");

    public ListSeed {
        if (listUid == null || !UID.matcher(listUid).matches()) {
            throw new IllegalArgumentException("listUid must match " + UID.pattern());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        subscriberEmails = subscriberEmails == null ? List.of() : List.copyOf(subscriberEmails);
    }

    public ListSeed(long customerId, String listUid, String name) {
        this(customerId, listUid, name, List.of());
    }
}

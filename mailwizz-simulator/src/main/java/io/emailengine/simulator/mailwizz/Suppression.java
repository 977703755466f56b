package io.emailengine.simulator.mailwizz;

import java.time.Instant;

/**
 * Something the API was asked to do that stops mail to an address.
 *
 * @param kind          what happened
 * @param reason        for a bounce {@code <bounce_type>: <message>}, else why the address was unsubscribed / blacklisted
 * @param campaignUid   for a campaign bounce, else null
 * @param listUid       the list of the subscriber concerned
 * @param at            the simulator's clock at the call
 */
public record Suppression(Kind kind, long customerId, String customerName, String email, String reason, String campaignUid,
                          String listUid, String subscriberUid, Instant at) {

    /** A hard campaign bounce (MailWizz blacklists the subscriber). */
    public boolean hardBounce() {
        return kind == Kind.CAMPAIGN_BOUNCE && reason != null && reason.startsWith("hard:");
    }

    public enum Kind {
        /** {@code POST /campaigns/{uid}/bounces}; a hard bounce also blacklists the subscriber. */
        CAMPAIGN_BOUNCE,
        /** A subscriber set to {@code unsubscribed}. */
        UNSUBSCRIBE,
        /** A subscriber set to {@code blacklisted} by an update ({@code details[status]=blacklisted}). */
        BLACKLIST
    }
}

package io.emailengine.bounceingest.domain;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;

/**
 * Which provider an accounting record concerns. A rollup queue ({@code outlook.rollup/vmta}) names
 * the provider path PowerMTA really used, so it goes first; then the recipient domain; then the
 * queue's own domain and the MX host that answered (a custom domain hosted by Google is gmail).
 * Microsoft's JMRP complaints usually have no recipient or queue at all, but JMRP is Microsoft's
 * feedback programme, so the format itself attributes them.
 */
public final class ProviderResolver {

    private final ProviderCatalogue catalogue;

    public ProviderResolver(ProviderCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Provider resolve(AccountingRecord record) {
        String queue = record.get("queue");
        String queueDomain = queue == null ? null : queueDomain(queue);
        if (queueDomain != null && queueDomain.endsWith(".rollup")) {
            Provider byRollup = catalogue.byRollupName(queueDomain);
            if (!Provider.OTHER.equals(byRollup)) {
                return byRollup;
            }
        }
        String rcpt = record.get("rcpt");
        if (rcpt != null && rcpt.indexOf('@') >= 0) {
            Provider byRecipient = catalogue.byRecipient(rcpt.trim());
            if (!Provider.OTHER.equals(byRecipient)) {
                return byRecipient;
            }
        }
        if (queueDomain != null && !queueDomain.isEmpty()) {
            Provider byQueue = catalogue.byRollupName(queueDomain);
            if (!Provider.OTHER.equals(byQueue)) {
                return byQueue;
            }
        }
        String mx = hostOf(record.get("dsnMta"));
        if (mx != null) {
            Provider byMx = catalogue.byMxHost(mx);
            if (!Provider.OTHER.equals(byMx)) {
                return byMx;
            }
        }
        if ("jmrp".equalsIgnoreCase(record.get("format"))) {
            return Provider.MICROSOFT;
        }
        return Provider.OTHER;
    }

    private static String queueDomain(String queue) {
        int slash = queue.indexOf('/');
        return (slash >= 0 ? queue.substring(0, slash) : queue).trim();
    }

    /** {@code gmail-smtp-in.l.google.com (142.250.27.27)} gives the host name. */
    private static String hostOf(String dsnMta) {
        if (dsnMta == null) {
            return null;
        }
        String s = dsnMta.trim();
        int space = s.indexOf(' ');
        String host = space >= 0 ? s.substring(0, space) : s;
        return host.isEmpty() ? null : host;
    }
}

package io.emailengine.bounceingest.domain;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which provider an accounting record concerns. A rollup queue ({@code outlook.rollup/vmta}) names
 * the provider path PowerMTA really used, so it goes first; then the recipient domain; then the
 * queue's own domain and the MX host that answered (a custom domain hosted by Google is gmail).
 * Microsoft's JMRP complaints usually have no recipient or queue at all, but JMRP is Microsoft's
 * feedback programme, so the format itself attributes them.
 * The catalogue is immutable, so the answers for a queue or MX spelling are kept (bounded).
 */
public final class ProviderResolver {

    /** Few distinct queues and MX hosts appear in millions of records: resolve each spelling once. */
    private static final int CACHE_LIMIT = 65_536;

    private final ProviderCatalogue catalogue;
    private final Map<String, QueueRoute> queues = new ConcurrentHashMap<>();
    private final Map<String, Provider> mxHosts = new ConcurrentHashMap<>();

    public ProviderResolver(ProviderCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Provider resolve(AccountingRecord record) {
        String queue = record.get("queue");
        QueueRoute route = queue == null ? null : route(queue);
        if (route != null && route.rollup() && !Provider.OTHER.equals(route.provider())) {
            return route.provider();
        }
        String rcpt = record.get("rcpt");
        if (rcpt != null && rcpt.indexOf('@') >= 0) {
            Provider byRecipient = catalogue.byRecipient(rcpt.trim());
            if (!Provider.OTHER.equals(byRecipient)) {
                return byRecipient;
            }
        }
        if (route != null && !Provider.OTHER.equals(route.provider())) {
            return route.provider();
        }
        String dsnMta = record.get("dsnMta");
        if (dsnMta != null) {
            Provider byMx = mx(dsnMta);
            if (!Provider.OTHER.equals(byMx)) {
                return byMx;
            }
        }
        if ("jmrp".equalsIgnoreCase(record.get("format"))) {
            return Provider.MICROSOFT;
        }
        return Provider.OTHER;
    }

    /** The catalogue's answer for the queue's domain; other for an empty one, which is not looked up. */
    private QueueRoute route(String queue) {
        QueueRoute cached = queues.get(queue);
        if (cached != null) {
            return cached;
        }
        String domain = queueDomain(queue);
        QueueRoute route = new QueueRoute(domain.endsWith(".rollup"),
                domain.isEmpty() ? Provider.OTHER : catalogue.byRollupName(domain));
        if (queues.size() < CACHE_LIMIT) {
            queues.put(queue, route);
        }
        return route;
    }

    private Provider mx(String dsnMta) {
        Provider cached = mxHosts.get(dsnMta);
        if (cached != null) {
            return cached;
        }
        String host = hostOf(dsnMta);
        Provider provider = host == null ? Provider.OTHER : catalogue.byMxHost(host);
        if (mxHosts.size() < CACHE_LIMIT) {
            mxHosts.put(dsnMta, provider);
        }
        return provider;
    }

    private static String queueDomain(String queue) {
        int slash = queue.indexOf('/');
        return (slash >= 0 ? queue.substring(0, slash) : queue).trim();
    }

    /** {@code gmail-smtp-in.l.google.com (142.250.27.27)} gives the host name. */
    private static String hostOf(String dsnMta) {
        String s = dsnMta.trim();
        int space = s.indexOf(' ');
        String host = space >= 0 ? s.substring(0, space) : s;
        return host.isEmpty() ? null : host;
    }

    /** @param rollup whether the queue names a rollup, which goes before the recipient's domain */
    private record QueueRoute(boolean rollup, Provider provider) {
    }
}

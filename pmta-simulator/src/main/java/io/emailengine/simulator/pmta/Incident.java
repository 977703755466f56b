package io.emailengine.simulator.pmta;

import java.util.Objects;

/**
 * A scripted incident: on simulated day {@code day} (day 1 is the first day after {@code startTraffic()}), a burst
 * of {@code size} accounting records carrying the kind's provider signal for {@code ip} × {@code provider}.
 *
 * @param provider gmail, microsoft, yahoo or other (a provider of the catalogue)
 */
public record Incident(int day, String ip, String provider, Kind kind, int size) {

    /** What the provider answered; the diagnostics are those of the PowerMTA reference's provider signals. */
    public enum Kind {
        /** Gmail {@code 421-4.7.28} rate limiting of the IP: deferrals ({@code t}). */
        GMAIL_RATE_LIMIT_BURST("gmail"),
        /** Gmail {@code 421 4.7.0} low reputation: deferrals. */
        GMAIL_LOW_REPUTATION("gmail"),
        /** Gmail {@code 550 5.7.1} likely unsolicited: bounces ({@code b}). */
        GMAIL_UNSOLICITED("gmail"),
        /** Yahoo {@code [TSS04]} temporary deferral of the IP: deferrals. */
        YAHOO_TSS04("yahoo"),
        /** Yahoo {@code [TS03]} "permanently deferred" (stop until fixed): deferrals. */
        YAHOO_TS03("yahoo"),
        /** Microsoft {@code S3150} block list: bounces. */
        MICROSOFT_S3150("microsoft"),
        /** Microsoft {@code 451 4.7.650 (S775)} rate limit due to IP reputation: deferrals. */
        MICROSOFT_S775("microsoft"),
        /** Hard bounces (bad-mailbox) at the provider's domains. */
        HARD_BOUNCE_SPIKE(null),
        /** Feedback-loop complaints ({@code f}). */
        COMPLAINT_SPIKE(null);

        private final String provider;

        Kind(String provider) {
            this.provider = provider;
        }

        /** The provider this signal belongs to, or null when it applies to any provider. */
        public String provider() {
            return provider;
        }

        void requireProvider(String requested) {
            if (provider != null && !provider.equals(requested)) {
                throw new IllegalArgumentException(name() + " is a " + provider + " signal, not one of '" + requested + "'");
            }
        }
    }

    public Incident {
        Objects.requireNonNull(kind, "kind");
        if (day < 1) {
            throw new IllegalArgumentException("incident day must be 1 or later, was " + day);
        }
        if (size < 1 || size > 1_000_000) {
            throw new IllegalArgumentException("incident size must be 1..1000000, was " + size);
        }
        if (!ConfigParser.ip(ip)) {
            throw new IllegalArgumentException("incident ip '" + ip + "' is not an IP address");
        }
        if (provider == null || !provider.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("incident provider '" + provider + "' is not a provider name");
        }
        kind.requireProvider(provider);
    }

    /** An incident of the kind's own provider ({@code GMAIL_RATE_LIMIT_BURST} → gmail). */
    public static Incident of(int day, String ip, Kind kind, int size) {
        if (kind.provider() == null) {
            throw new IllegalArgumentException(kind + " applies to any provider; name it");
        }
        return new Incident(day, ip, kind.provider(), kind, size);
    }
}

package io.emailengine.warmup.domain;

/** Hourly quota derived from the daily one over the IP's sending window. */
public final class Quotas {

    private Quotas() {
    }

    /** Rounded up so that the daily quota fits in the window; at least 1 for a positive daily quota. */
    public static long hourly(long daily, int sendingHours) {
        if (sendingHours < 1 || sendingHours > 24) {
            throw new IllegalArgumentException("sending window must be 1..24 hours, was " + sendingHours);
        }
        if (daily <= 0) {
            return 0;
        }
        return (daily + sendingHours - 1) / sendingHours;
    }
}

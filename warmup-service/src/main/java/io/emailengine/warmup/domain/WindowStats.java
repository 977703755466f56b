package io.emailengine.warmup.domain;

/** Outcome counts of one IP towards one provider over one window. */
public record WindowStats(long delivered, long hardBounces, long softBounces, long deferrals, long complaints) {

    public static final WindowStats EMPTY = new WindowStats(0, 0, 0, 0, 0);

    public WindowStats {
        if (delivered < 0 || hardBounces < 0 || softBounces < 0 || deferrals < 0 || complaints < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** Messages that reached a final outcome: the denominator of bounce rates. */
    public long attempts() {
        return delivered + hardBounces + softBounces;
    }

    public boolean nothingSent() {
        return attempts() == 0 && deferrals == 0;
    }

    public double hardBounceRate() {
        return attempts() == 0 ? 0 : (double) hardBounces / attempts();
    }

    public double complaintRate() {
        return delivered == 0 ? 0 : (double) complaints / delivered;
    }

    public double deferralRate() {
        long tried = attempts() + deferrals;
        return tried == 0 ? 0 : (double) deferrals / tried;
    }
}

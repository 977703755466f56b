package io.emailengine.warmup.domain;

/**
 * How fast a plan may grow from one stage to the next (reference growth guidance: at most ×2/day
 * while small, ×1.5 above 100k/day, ×1.25 above 400k/day). The cap is chosen by the volume being
 * grown into, so a step that lands above a threshold obeys that threshold's cap.
 */
public record GrowthCaps(double smallFactor, long midVolume, double midFactor, long highVolume, double highFactor) {

    public GrowthCaps {
        if (smallFactor < 1 || midFactor < 1 || highFactor < 1) {
            throw new IllegalArgumentException("growth factors must be >= 1");
        }
        if (midVolume <= 0 || highVolume <= midVolume) {
            throw new IllegalArgumentException("growth thresholds must satisfy 0 < midVolume < highVolume");
        }
    }

    public static GrowthCaps defaults() {
        return new GrowthCaps(2.0, 100_000, 1.5, 400_000, 1.25);
    }

    /** The largest allowed ratio next/previous when growing into {@code nextVolume}. */
    public double maxFactorInto(long nextVolume) {
        if (nextVolume > highVolume) {
            return highFactor;
        }
        if (nextVolume > midVolume) {
            return midFactor;
        }
        return smallFactor;
    }

    /** Human-readable band of {@code nextVolume}, used in rejection reasons. */
    String bandOf(long nextVolume) {
        if (nextVolume > highVolume) {
            return "above " + Numbers.grouped(highVolume) + "/day";
        }
        if (nextVolume > midVolume) {
            return "above " + Numbers.grouped(midVolume) + "/day";
        }
        return "up to " + Numbers.grouped(midVolume) + "/day";
    }
}

package io.emailengine.warmup.application;

import io.emailengine.warmup.domain.WarmupSettings;
import java.time.Duration;

/**
 * How long the delivery statistics are kept, and how the purge deletes them. Both tables are only read for the
 * recent past: provider signals over the signal window, hourly delivery counts over the current sending day and
 * the last hour; the decision log keeps the numbers every decision was made on.
 *
 * @param providerSignals  signal buckets ({@code provider_signal}) older than this are deleted
 * @param deliveryHours    hourly delivery counts ({@code delivery_hour}) older than this are deleted
 * @param chunkRows        rows one DELETE removes; each chunk is its own short transaction
 * @param maxChunksPerRun  chunks per table and run: a run ends after {@code chunkRows x maxChunksPerRun} rows per
 *                         table, so a backlog (the first run on tables that grew without a retention) is worked off
 *                         over several runs instead of holding the scheduler thread the tick emitter shares
 */
public record RetentionSettings(Duration providerSignals, Duration deliveryHours, int chunkRows, int maxChunksPerRun) {

    public RetentionSettings {
        positive(providerSignals, "providerSignals");
        positive(deliveryHours, "deliveryHours");
        if (chunkRows < 1 || maxChunksPerRun < 1) {
            throw new IllegalArgumentException("chunkRows and maxChunksPerRun must be >= 1, were " + chunkRows + " and "
                    + maxChunksPerRun);
        }
    }

    /**
     * The furthest back a reader of {@code provider_signal} looks: the signal window (the tick period), counted by
     * the tick back from its tick time and by an immediate reaction back from now.
     */
    public static Duration signalLookBack(WarmupSettings rules) {
        return rules.signalWindow();
    }

    /**
     * The furthest back the tick reads {@code delivery_hour}: from the hour its state's sending day started in. A day
     * is closed by the first tick at or after its end, so it started at most a sending day and a tick period before
     * the tick, and the roll-up counts from the whole hour it started in.
     */
    public static Duration dayLookBack(WarmupSettings rules) {
        return rules.sendingDay().plus(rules.signalWindow()).plusHours(1);
    }

    /** Fails (start-up) unless each table is kept longer than its readers look back, so no purge removes what they count. */
    public RetentionSettings requireLongerThanReadsOf(WarmupSettings rules) {
        if (providerSignals.compareTo(signalLookBack(rules)) <= 0) {
            throw new IllegalArgumentException("retention.provider-signals (" + providerSignals
                    + ") must be longer than the signal window the rules count over (tick.period, " + signalLookBack(rules) + ")");
        }
        if (deliveryHours.compareTo(dayLookBack(rules)) <= 0) {
            throw new IllegalArgumentException("retention.delivery-hours (" + deliveryHours
                    + ") must be longer than the day window the tick reads (rules.sending-day + tick.period + 1 h, "
                    + dayLookBack(rules) + ")");
        }
        return this;
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}

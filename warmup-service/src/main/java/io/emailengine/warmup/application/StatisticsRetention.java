package io.emailengine.warmup.application;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case, run hourly: keeps the provider signals and the hourly delivery counts bounded. Both grow with every
 * accounting record, but the rules only read the last signal window and the current sending day of them, so rows
 * past the retention ({@link RetentionSettings}) are deleted. Chunk by chunk, each in its own short transaction:
 * the first run on tables that grew without a retention would otherwise delete millions of rows in one
 * transaction. The decision log is not purged: it is the operators' audit trail.
 */
@Service
public class StatisticsRetention {

    private static final Logger log = LoggerFactory.getLogger(StatisticsRetention.class);

    private final DeliveryStatisticsStore store;
    private final RetentionSettings settings;
    private final Clock clock;

    public StatisticsRetention(DeliveryStatisticsStore store, RetentionSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Not transactional on purpose: every chunk commits on its own. */
    public Purged purge() {
        Instant now = clock.instant();
        Instant signalsBefore = now.minus(settings.providerSignals());
        Instant hoursBefore = now.minus(settings.deliveryHours());
        // A run ends after maxChunksPerRun chunks per table (the scheduler thread is shared); the next goes on.
        long signals = store.purgeSignalsBefore(signalsBefore, settings.chunkRows(), settings.maxChunksPerRun());
        long hours = store.purgeHoursBefore(hoursBefore, settings.chunkRows(), settings.maxChunksPerRun());
        if (signals + hours > 0) {
            log.info("Retention removed {} provider signal bucket(s) older than {} and {} hourly delivery count(s) older than {}",
                    signals, signalsBefore, hours, hoursBefore);
        }
        return new Purged(signals, hours);
    }

    /** Rows one run deleted, per table. */
    public record Purged(long providerSignals, long deliveryHours) {
    }
}

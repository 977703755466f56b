package io.emailengine.warmup.application;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.SignalCount;
import java.time.Instant;
import java.util.List;

/**
 * Port: where delivery counts accumulate per tenant x IP x provider x hour, and provider signals
 * per minute and source. Bounce ingestion reports a signal twice (one BounceReceived per record and
 * a count in the DeliveryReport), so readers take the larger of the two sources, never the sum.
 * Both are only read for the recent past, so they are kept for a retention ({@link StatisticsRetention}).
 */
public interface DeliveryStatisticsStore {

    void add(TenantId tenant, DeliveryReport report);

    /** Signal counts of one IP x provider per code, minute bucket and source, logged at or after {@code from}. */
    List<SignalCount> signalsSince(TenantId tenant, SendingIp ip, Provider provider, Instant from);

    void addSignal(TenantId tenant, SendingIp ip, Provider provider, String signalCode, Instant at, long count,
                   SignalSource source);

    /**
     * Deletes signal buckets older than {@code cutoff}, oldest first, in chunks of {@code chunkRows} (each its own
     * transaction), at most {@code maxChunks} of them; returns how many.
     */
    long purgeSignalsBefore(Instant cutoff, int chunkRows, int maxChunks);

    /** As {@link #purgeSignalsBefore}, for the hourly delivery counts. */
    long purgeHoursBefore(Instant cutoff, int chunkRows, int maxChunks);

    enum SignalSource { BOUNCE, REPORT }
}

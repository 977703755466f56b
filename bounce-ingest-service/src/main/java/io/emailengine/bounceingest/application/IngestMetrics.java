package io.emailengine.bounceingest.application;

import io.emailengine.bounceingest.domain.Outcome;
import io.emailengine.bounceingest.domain.RecordType;
import io.emailengine.events.types.Provider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ingestion meters; counters are cached because the tag lookup would cost more than the record. */
public class IngestMetrics {

    public static final String RECORDS = "email_engine_bounce_ingest_records";
    public static final String REJECTED = "email_engine_bounce_ingest_rejected_lines";
    public static final String DUPLICATES = "email_engine_bounce_ingest_duplicates";
    public static final String UNATTRIBUTED = "email_engine_bounce_ingest_unattributed";
    public static final String LAG = "email_engine_bounce_ingest_lag";
    public static final String BATCH = "email_engine_bounce_ingest_batch_duration";
    public static final String REPORTS = "email_engine_bounce_ingest_delivery_reports";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String source, RecordType type, Outcome outcome, Provider provider, long count) {
        String key = source + '|' + type + '|' + outcome + '|' + provider;
        counters.computeIfAbsent(key, k -> Counter.builder(RECORDS)
                .description("Accounting records ingested (new, not duplicates) by type, outcome and provider")
                .tag("source", source).tag("type", type.code()).tag("kind", outcome.name().toLowerCase(Locale.ROOT))
                .tag("provider", provider.name()).register(registry)).increment(count);
    }

    public void rejected(String source, long count) {
        counter(REJECTED, "Lines rejected and quarantined", source).increment(count);
    }

    public void duplicates(String source, long count) {
        counter(DUPLICATES, "Records already ingested before (not counted again)", source).increment(count);
    }

    public void unattributed(String source, long count) {
        counter(UNATTRIBUTED, "Records kept aside because no tenant owns their IP", source).increment(count);
    }

    public void reports(long count) {
        Counter.builder(REPORTS).description("DeliveryReport events written to the outbox").register(registry).increment(count);
    }

    /** Time from PowerMTA logging the newest record of a batch to the batch being committed. */
    public void lag(String source, Duration lag) {
        Timer.builder(LAG).description("Time from PowerMTA logging a record to its ingestion commit")
                .tag("source", source).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    public void batch(String source, Duration duration) {
        Timer.builder(BATCH).description("Duration of one ingested batch (interpretation + transaction)")
                .tag("source", source).register(registry).record(duration);
    }

    private Counter counter(String name, String description, String source) {
        return counters.computeIfAbsent(name + '|' + source,
                k -> Counter.builder(name).description(description).tag("source", source).register(registry));
    }
}

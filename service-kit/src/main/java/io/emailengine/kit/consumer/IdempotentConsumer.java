package io.emailengine.kit.consumer;

import io.emailengine.events.EventEnvelope;
import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.jdbc.ChunkedPurge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a side effect at most once per (consumer, event id): the id is recorded in the same
 * transaction as the effect, so a redelivered event changes nothing, and a failed effect rolls
 * the record back so the retry really retries.
 *
 * <p>Records are kept for the retention (see {@link EmailEngineProperties.Idempotency}) and then
 * deleted by {@link #purgeExpired()}, which the kit's housekeeping runs every hour: the table stays
 * at one retention of events instead of growing for ever.
 */
public class IdempotentConsumer {

    /** One chunk of the purge (see {@link ChunkedPurge}): the oldest records, through {@code processed_event_age}. */
    static final String PURGE_STATEMENT = ChunkedPurge.chunkStatement("processed_event", "processed_at");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;
    private final EmailEngineProperties.Idempotency settings;

    public IdempotentConsumer(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, MeterRegistry meters,
                              EmailEngineProperties.Idempotency settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
        this.settings = settings;
    }

    /**
     * @param consumer a stable name of the handling (e.g. {@code alerting.alert-raised}); two
     *                 handlers of the same event in one service need two names
     * @return true if the effect ran, false if this event had been processed before
     */
    public <E extends EventEnvelope<?>> boolean processOnce(String consumer, E event, Consumer<E> effect) {
        Boolean ran = tx.execute(status -> {
            int inserted = jdbc.update("""
                    INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)
                    ON CONFLICT (consumer, event_id) DO NOTHING""",
                    consumer, event.eventId(), Timestamp.from(clock.instant()));
            if (inserted == 0) {
                return false;
            }
            effect.accept(event);
            return true;
        });
        boolean result = Boolean.TRUE.equals(ran);
        meters.counter("email_engine_events_consumed", "consumer", consumer, "outcome", result ? "processed" : "duplicate")
                .increment();
        return result;
    }

    /**
     * Deletes the records older than the retention, in chunks. An event delivered again after that
     * would run its effect again, so the retention is set to outlast Kafka's redeliveries.
     *
     * @return the number of records deleted
     */
    public int purgeExpired() {
        return ChunkedPurge.deleteOlderThan(jdbc, PURGE_STATEMENT, clock.instant().minus(settings.retention()));
    }
}

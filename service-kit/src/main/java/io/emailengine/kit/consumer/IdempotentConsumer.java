package io.emailengine.kit.consumer;

import io.emailengine.events.EventEnvelope;
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
 */
public class IdempotentConsumer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;

    public IdempotentConsumer(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
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
}

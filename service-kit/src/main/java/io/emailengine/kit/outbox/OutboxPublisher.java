package io.emailengine.kit.outbox;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.kit.jdbc.BinaryCopy;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes an event into the outbox in the caller's transaction. There is deliberately no way to
 * publish without one: the event must commit or roll back together with the state change that
 * caused it. {@link OutboxRelay} sends it to Kafka after commit.
 */
public class OutboxPublisher {

    private final JdbcTemplate jdbc;
    private final EventJson json;
    private final OutboxRelay relay;

    public OutboxPublisher(JdbcTemplate jdbc, EventJson json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(EventEnvelope<?> event) {
        publishAll(List.of(event));
    }

    /**
     * Many events in one binary {@code COPY}: one round trip and no statement executed per event (a
     * service publishing thousands of events a second pays per row only the row). An event id that is
     * in the outbox already fails the whole call, as an insert would.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAll(Collection<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        BinaryCopy rows = new BinaryCopy(events.size() * 1024);
        for (EventEnvelope<?> event : events) {
            rows.row(6).uuid(event.eventId()).text(event.type()).text(event.eventType().topic()).text(event.key())
                    .text(json.write(event)).timestamp(event.occurredAt());
        }
        rows.copyIn(jdbc, "COPY outbox_event (event_id, event_type, topic, message_key, payload, created_at) FROM STDIN (FORMAT binary)");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}

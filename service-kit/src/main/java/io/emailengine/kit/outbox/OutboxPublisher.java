package io.emailengine.kit.outbox;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import java.sql.Timestamp;
import java.util.ArrayList;
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

    /** Many events in one statement batch: one round trip to the database instead of one per event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAll(Collection<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (EventEnvelope<?> event : events) {
            rows.add(new Object[] {event.eventId(), event.type(), event.eventType().topic(), event.key(), json.write(event),
                    Timestamp.from(event.occurredAt())});
        }
        jdbc.batchUpdate("""
                INSERT INTO outbox_event (event_id, event_type, topic, message_key, payload, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
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

package io.emailengine.kit.outbox;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.kit.jdbc.BinaryCopy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
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

    /** An event serialised for its outbox row; {@code json} is UTF-8 ({@link EventJson#writeBytes}). */
    public record SerializedEvent(UUID eventId, String type, String topic, String key, byte[] json, Instant occurredAt) {
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
        publishAllSerialized(events.stream().map(this::serialize).toList());
    }

    /**
     * An event as its outbox row will hold it, serialised now: a caller that works out its events
     * before its transaction (in parallel with another one) serialises them there too, and its
     * transaction only writes them ({@link #publishAllSerialized}).
     */
    public SerializedEvent serialize(EventEnvelope<?> event) {
        return new SerializedEvent(event.eventId(), event.type(), event.eventType().topic(), event.key(),
                json.writeBytes(event), event.occurredAt());
    }

    /** {@link #publishAll} of events serialised beforehand ({@link #serialize}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAllSerialized(Collection<SerializedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        BinaryCopy rows = new BinaryCopy(events.size() * 1024);
        for (SerializedEvent event : events) {
            // A text column's binary form is its UTF-8 bytes: the JSON as Jackson wrote it.
            rows.row(6).uuid(event.eventId()).text(event.type()).text(event.topic()).text(event.key())
                    .bytes(event.json()).timestamp(event.occurredAt());
        }
        rows.copyIn(jdbc, "COPY outbox_event (event_id, event_type, topic, message_key, payload, created_at) FROM STDIN (FORMAT binary)");
        wakeRelayAfterCommit();
    }

    /**
     * Many events packed into few outbox rows (table {@code outbox_event_batch}): in order, as many as
     * fit {@link OutboxBatch#ROW_BYTES} per row (one, when it is larger). The relay sends them in their
     * order, in id order with the events of other rows, as if each had a row of its own. For a caller
     * writing hundreds of events per transaction, thousands a second: an event's own row costs
     * PostgreSQL several times what its bytes cost (the row, three index entries, relaying and
     * deleting it).
     *
     * <p>What the caller gives up: the outbox does not check these event ids for uniqueness (the
     * {@code event_id} unique index of single rows), so the caller's event ids must be unique by
     * construction; and a row is relayed whole, so when Kafka fails part-way through a row, the events
     * of it that Kafka took are sent again with the rest (delivery is at least once, as always).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAllPacked(Collection<SerializedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<OutboxBatch.Row> packed = OutboxBatch.pack(events);
        BinaryCopy rows = new BinaryCopy(packed.size() * (OutboxBatch.ROW_BYTES + 64));
        for (OutboxBatch.Row row : packed) {
            rows.row(3).bytes(row.events()).int4(row.count()).timestamp(row.oldest());
        }
        rows.copyIn(jdbc, "COPY outbox_event_batch (events, event_count, created_at) FROM STDIN (FORMAT binary)");
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
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

package io.emailengine.kit.consumer;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventPayload;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a Kafka listener of any service does with a record: parse the envelope strictly (an
 * unparseable or unexpected event throws and goes to the DLT without retries), then apply the
 * effect once per event id.
 */
public class InboundEvents {

    private final EventJson json;
    private final IdempotentConsumer idempotent;

    public InboundEvents(EventJson json, IdempotentConsumer idempotent) {
        this.json = json;
        this.idempotent = idempotent;
    }

    /** @return true if the effect ran, false for a redelivered event */
    public <P extends EventPayload> boolean handle(ConsumerRecord<String, byte[]> record, Class<P> type,
                                                   String consumer, Consumer<EventEnvelope<P>> effect) {
        String body = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        EventEnvelope<P> event = json.read(body, type);
        return idempotent.processOnce(consumer, event, effect);
    }
}

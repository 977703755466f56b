package io.emailengine.warmup.adapter.in;

import io.emailengine.events.BounceReceived;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.warmup.application.DeliveryStatistics;
import io.emailengine.warmup.application.SignalReactions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class BounceReceivedListener {

    private final InboundEvents inbound;
    private final DeliveryStatistics statistics;
    private final SignalReactions reactions;

    BounceReceivedListener(InboundEvents inbound, DeliveryStatistics statistics, SignalReactions reactions) {
        this.inbound = inbound;
        this.statistics = statistics;
        this.reactions = reactions;
    }

    /** Records the bounce's signal, then reacts to a block signal at once: one transaction, once per event id. */
    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).BOUNCE_RECEIVED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, BounceReceived.class, "warmup.bounce-received", event -> {
            statistics.recordBounce(event);
            reactions.onBounce(event);
        });
    }
}

package io.emailengine.warmup.adapter.in;

import io.emailengine.events.BounceReceived;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.warmup.application.DeliveryStatistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class BounceReceivedListener {

    private final InboundEvents inbound;
    private final DeliveryStatistics statistics;

    BounceReceivedListener(InboundEvents inbound, DeliveryStatistics statistics) {
        this.inbound = inbound;
        this.statistics = statistics;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).BOUNCE_RECEIVED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, BounceReceived.class, "warmup.bounce-received", statistics::recordBounce);
    }
}

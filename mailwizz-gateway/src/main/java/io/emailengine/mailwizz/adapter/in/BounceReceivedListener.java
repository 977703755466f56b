package io.emailengine.mailwizz.adapter.in;

import io.emailengine.events.BounceReceived;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.mailwizz.application.Suppressions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class BounceReceivedListener {

    private final InboundEvents inbound;
    private final Suppressions suppressions;

    BounceReceivedListener(InboundEvents inbound, Suppressions suppressions) {
        this.inbound = inbound;
        this.suppressions = suppressions;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).BOUNCE_RECEIVED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, BounceReceived.class, "mailwizz.bounce-received", suppressions::accept);
    }
}

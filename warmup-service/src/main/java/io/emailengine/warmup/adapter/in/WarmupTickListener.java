package io.emailengine.warmup.adapter.in;

import io.emailengine.events.WarmupTick;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.warmup.application.WarmupEngine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class WarmupTickListener {

    private final InboundEvents inbound;
    private final WarmupEngine engine;

    WarmupTickListener(InboundEvents inbound, WarmupEngine engine) {
        this.inbound = inbound;
        this.engine = engine;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).WARMUP_TICK.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, WarmupTick.class, "warmup.tick", engine::onTick);
    }
}

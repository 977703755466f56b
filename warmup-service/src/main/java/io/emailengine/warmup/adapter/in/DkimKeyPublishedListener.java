package io.emailengine.warmup.adapter.in;

import io.emailengine.events.DkimKeyPublished;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.warmup.application.DkimKeyDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class DkimKeyPublishedListener {

    private final InboundEvents inbound;
    private final DkimKeyDirectory directory;

    DkimKeyPublishedListener(InboundEvents inbound, DkimKeyDirectory directory) {
        this.inbound = inbound;
        this.directory = directory;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).DKIM_KEY_PUBLISHED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, DkimKeyPublished.class, "warmup.dkim-key-published", directory::record);
    }
}

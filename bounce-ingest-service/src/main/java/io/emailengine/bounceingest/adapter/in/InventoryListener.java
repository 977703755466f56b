package io.emailengine.bounceingest.adapter.in;

import io.emailengine.bounceingest.application.IpAttribution;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.kit.consumer.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class InventoryListener {

    private final InboundEvents inbound;
    private final IpAttribution attribution;

    InventoryListener(InboundEvents inbound, IpAttribution attribution) {
        this.inbound = inbound;
        this.attribution = attribution;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).PMTA_CONFIG_REQUESTED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, PmtaConfigRequested.class, "bounce-ingest.inventory", attribution::learn);
    }
}

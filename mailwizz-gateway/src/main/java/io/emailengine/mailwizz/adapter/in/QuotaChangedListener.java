package io.emailengine.mailwizz.adapter.in;

import io.emailengine.events.QuotaChanged;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.mailwizz.application.DesiredQuotas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class QuotaChangedListener {

    private final InboundEvents inbound;
    private final DesiredQuotas quotas;

    QuotaChangedListener(InboundEvents inbound, DesiredQuotas quotas) {
        this.inbound = inbound;
        this.quotas = quotas;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).QUOTA_CHANGED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, QuotaChanged.class, "mailwizz.quota-changed", quotas::change);
    }
}

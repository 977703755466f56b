package io.emailengine.alerting.adapter.in;

import io.emailengine.alerting.application.AlertIntake;
import io.emailengine.events.AlertRaised;
import io.emailengine.kit.consumer.InboundEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class AlertRaisedListener {

    private final InboundEvents inbound;
    private final AlertIntake intake;

    AlertRaisedListener(InboundEvents inbound, AlertIntake intake) {
        this.inbound = inbound;
        this.intake = intake;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).ALERT_RAISED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, AlertRaised.class, "alerting.alert-raised", intake::receive);
    }
}

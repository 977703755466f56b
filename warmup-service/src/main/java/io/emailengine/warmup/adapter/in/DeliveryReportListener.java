package io.emailengine.warmup.adapter.in;

import io.emailengine.events.DeliveryReport;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.warmup.application.DeliveryStatistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class DeliveryReportListener {

    private final InboundEvents inbound;
    private final DeliveryStatistics statistics;

    DeliveryReportListener(InboundEvents inbound, DeliveryStatistics statistics) {
        this.inbound = inbound;
        this.statistics = statistics;
    }

    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).DELIVERY_REPORT.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, DeliveryReport.class, "warmup.delivery-report", statistics::record);
    }
}

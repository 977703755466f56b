package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.kit.consumer.RejectedEventException;
import io.emailengine.pmtaconfig.application.DesiredState;
import io.emailengine.pmtaconfig.domain.InvalidConfigValueException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class PmtaConfigRequestedListener {

    private final InboundEvents inbound;
    private final DesiredState desiredState;

    PmtaConfigRequestedListener(InboundEvents inbound, DesiredState desiredState) {
        this.inbound = inbound;
        this.desiredState = desiredState;
    }

    /** A spec that fails the config whitelist can never become valid by retrying: straight to the DLT (and its alert). */
    @KafkaListener(topics = "#{T(io.emailengine.events.EventType).PMTA_CONFIG_REQUESTED.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.handle(record, PmtaConfigRequested.class, "pmta-config.config-requested", event -> {
            try {
                desiredState.request(event);
            } catch (InvalidConfigValueException e) {
                throw new RejectedEventException("PmtaConfigRequested " + event.eventId() + " refused: " + e.getMessage());
            }
        });
    }
}

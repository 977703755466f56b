package io.emailengine.warmup.application;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.EventEnvelope;
import io.emailengine.kit.consumer.RejectedEventException;
import org.springframework.stereotype.Service;

/** Use case: a delivery report arrived; add its counts to the IP's statistics. */
@Service
public class DeliveryStatistics {

    private final DeliveryStatisticsStore store;

    public DeliveryStatistics(DeliveryStatisticsStore store) {
        this.store = store;
    }

    /** Runs inside the consumer's transaction, so a redelivered report is never counted twice. */
    public void record(EventEnvelope<DeliveryReport> event) {
        if (event.tenantId() == null) {
            throw new RejectedEventException("DeliveryReport " + event.eventId() + " has no tenantId");
        }
        store.add(event.tenantId(), event.payload());
    }
}

package io.emailengine.warmup.application;

import io.emailengine.events.BounceReceived;
import io.emailengine.events.DeliveryReport;
import io.emailengine.events.EventEnvelope;
import io.emailengine.kit.consumer.RejectedEventException;
import org.springframework.stereotype.Service;

/**
 * Use case: delivery reports and bounces arrived; add them to the IP's statistics. Counts come from
 * delivery reports only (a bounce is already counted there); a bounce contributes its provider
 * signal code: block signals are reacted to at once ({@link SignalReactions}), the rest at the tick.
 */
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
        DeliveryReport report = event.payload();
        store.add(event.tenantId(), report);
        report.signals().forEach((code, count) -> {
            if (count > 0) {
                store.addSignal(event.tenantId(), report.ip(), report.provider(), code, report.windowStart(), count,
                        DeliveryStatisticsStore.SignalSource.REPORT);
            }
        });
    }

    public void recordBounce(EventEnvelope<BounceReceived> event) {
        if (event.tenantId() == null) {
            throw new RejectedEventException("BounceReceived " + event.eventId() + " has no tenantId");
        }
        BounceReceived bounce = event.payload();
        if (bounce.signalCode() != null) {
            store.addSignal(event.tenantId(), bounce.ip(), bounce.provider(), bounce.signalCode(), bounce.loggedAt(), 1,
                    DeliveryStatisticsStore.SignalSource.BOUNCE);
        }
    }
}

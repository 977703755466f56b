package io.emailengine.alerting.application;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.EventEnvelope;
import org.springframework.stereotype.Service;

/** Use case: an alert was raised or resolved somewhere; fold it into the alert store. */
@Service
public class AlertIntake {

    private final AlertStore store;

    public AlertIntake(AlertStore store) {
        this.store = store;
    }

    public void receive(EventEnvelope<AlertRaised> event) {
        store.record(event.tenantId(), event.payload(), event.occurredAt());
    }
}

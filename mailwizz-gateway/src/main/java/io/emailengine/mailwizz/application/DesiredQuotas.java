package io.emailengine.mailwizz.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.QuotaChanged;
import io.emailengine.kit.consumer.RejectedEventException;
import org.springframework.stereotype.Service;

/** Use case: the allowed volume of an IP changed; remember it as the desired quota. */
@Service
public class DesiredQuotas {

    private final DesiredQuotaStore store;

    public DesiredQuotas(DesiredQuotaStore store) {
        this.store = store;
    }

    public void change(EventEnvelope<QuotaChanged> event) {
        if (event.tenantId() == null) {
            throw new RejectedEventException("QuotaChanged " + event.eventId() + " has no tenantId");
        }
        store.upsertIfNewer(event.tenantId(), event.payload(), event.occurredAt());
    }
}

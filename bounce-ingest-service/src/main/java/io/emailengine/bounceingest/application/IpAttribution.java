package io.emailengine.bounceingest.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.PmtaConfigRequested;
import org.springframework.stereotype.Service;

/** Use case: learn who owns a sending IP from the desired PowerMTA state published for it. */
@Service
public class IpAttribution {

    private final IpAttributionStore store;

    public IpAttribution(IpAttributionStore store) {
        this.store = store;
    }

    public void learn(EventEnvelope<PmtaConfigRequested> event) {
        store.learn(event.tenantId(), event.payload(), event.occurredAt());
    }
}

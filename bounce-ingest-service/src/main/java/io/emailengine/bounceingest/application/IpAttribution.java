package io.emailengine.bounceingest.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.PmtaConfigRequested;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Use case: learn who owns a sending IP from the desired PowerMTA state published for it, and
 * account the records that arrived for that IP before its owner was known.
 */
@Service
public class IpAttribution {

    private final IpAttributionStore store;
    private final AccountingIngestion ingestion;

    public IpAttribution(IpAttributionStore store, AccountingIngestion ingestion) {
        this.store = store;
        this.ingestion = ingestion;
    }

    public void learn(EventEnvelope<PmtaConfigRequested> event) {
        store.learn(event.tenantId(), event.payload(), event.occurredAt());
        String ip = event.payload().vmta().ip().value();
        // The stored owner, not the event's: an older event arriving late does not overwrite a newer fact.
        IpOwner owner = store.ownersOfIps(List.of(ip)).get(ip);
        if (owner != null) {
            ingestion.releaseUnattributed(owner);
        }
    }
}

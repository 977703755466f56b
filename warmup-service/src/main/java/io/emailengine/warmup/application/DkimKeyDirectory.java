package io.emailengine.warmup.application;

import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.EventEnvelope;
import org.springframework.stereotype.Service;

/** Use case: pmta-config-service generated or retired a DKIM key; remember it for the DNS readiness check. */
@Service
public class DkimKeyDirectory {

    private final KnownDkimKeys keys;

    public DkimKeyDirectory(KnownDkimKeys keys) {
        this.keys = keys;
    }

    /** Runs inside the consumer's transaction together with the processed-event mark. */
    public void record(EventEnvelope<DkimKeyPublished> event) {
        keys.record(event.payload(), event.tenantId(), event.occurredAt(), event.eventId());
    }
}

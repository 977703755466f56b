package io.emailengine.pmtaconfig.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.PmtaConfigRequested;
import org.springframework.stereotype.Service;

/** Use case: a virtual MTA's desired PowerMTA state changed; remember the newest one. */
@Service
public class DesiredState {

    private final DesiredStateStore store;

    public DesiredState(DesiredStateStore store) {
        this.store = store;
    }

    public void request(EventEnvelope<PmtaConfigRequested> event) {
        store.upsertIfNewer(event);
    }
}

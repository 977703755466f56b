package io.emailengine.pmtaconfig.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.PmtaConfigRequested;

/** Port: the desired spec of each virtual MTA; a newer request replaces an older one, never the reverse. */
public interface DesiredStateStore {

    void upsertIfNewer(EventEnvelope<PmtaConfigRequested> request);
}

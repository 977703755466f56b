package io.emailengine.pmtaconfig.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.PmtaConfigRequested;
import java.util.List;

/** Port: the desired spec of each virtual MTA; a newer request replaces an older one, never the reverse. */
public interface DesiredStateStore {

    /** @return true if the stored spec changed (the request was not older than what is stored) */
    boolean upsertIfNewer(EventEnvelope<PmtaConfigRequested> request);

    List<StoredRequest> forHost(String hostId);

    /** The tenant of a virtual MTA's stored request (null tenant counts as absent). */
    java.util.Optional<String> ownerOf(String hostId, String vmta);

    /** A stored request and the tenant of its envelope. */
    record StoredRequest(PmtaConfigRequested request, String tenant) {
    }
}

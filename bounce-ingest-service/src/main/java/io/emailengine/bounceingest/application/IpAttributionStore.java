package io.emailengine.bounceingest.application;

import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.types.TenantId;
import java.time.Instant;

/** Port: sending IP -> tenant, virtual MTA, host and pool; a newer fact replaces an older one. */
public interface IpAttributionStore {

    void learn(TenantId tenant, PmtaConfigRequested inventory, Instant learnedAt);
}

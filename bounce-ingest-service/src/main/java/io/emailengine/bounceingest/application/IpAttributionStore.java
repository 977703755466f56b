package io.emailengine.bounceingest.application;

import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.types.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Port: sending IP -> tenant, virtual MTA, host and pool; a newer fact replaces an older one. */
public interface IpAttributionStore {

    void learn(TenantId tenant, PmtaConfigRequested inventory, Instant learnedAt);

    /** Owners of these IPs (IP literal -> owner); IPs nobody claimed are absent. */
    Map<String, IpOwner> ownersOfIps(Collection<String> ips);

    /** Owners by virtual MTA name, for records that name a vmta but no source IP. */
    Map<String, IpOwner> ownersOfVmtas(Collection<String> vmtas);
}

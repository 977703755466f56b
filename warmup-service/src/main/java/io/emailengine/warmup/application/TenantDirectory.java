package io.emailengine.warmup.application;

import io.emailengine.events.types.TenantId;
import java.util.List;

/** Port: the tenants that have sending IPs. */
public interface TenantDirectory {

    List<TenantId> tenantsWithIps();
}

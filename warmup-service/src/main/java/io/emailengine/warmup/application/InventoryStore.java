package io.emailengine.warmup.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.RegisteredIp;
import java.util.List;
import java.util.Optional;

/** Port: the sending IPs of all tenants. An IP belongs to at most one tenant. */
public interface InventoryStore {

    Optional<RegisteredIp> find(SendingIp ip);

    List<RegisteredIp> list(TenantId tenant);

    void insert(RegisteredIp ip);

    void update(RegisteredIp ip);
}

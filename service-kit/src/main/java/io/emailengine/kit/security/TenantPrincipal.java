package io.emailengine.kit.security;

import io.emailengine.events.types.TenantId;
import java.util.Optional;

/** Who called: the key's name and either the tenant it belongs to or the admin scope. */
public record TenantPrincipal(String keyName, TenantId tenant, boolean admin) {

    public TenantPrincipal {
        if (admin == (tenant != null)) {
            throw new IllegalArgumentException("API key '" + keyName + "' must have exactly one of a tenant or the admin scope");
        }
    }

    public Optional<TenantId> tenantId() {
        return Optional.ofNullable(tenant);
    }

    public boolean canAccess(TenantId owner) {
        return admin || tenant.equals(owner);
    }
}

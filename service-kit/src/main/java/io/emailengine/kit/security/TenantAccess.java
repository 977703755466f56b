package io.emailengine.kit.security;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The tenant rules every controller applies the same way: a tenant key acts only on its own
 * tenant. Naming another tenant explicitly answers 403; touching a resource that belongs to
 * another tenant answers 404, so its existence does not leak.
 */
public final class TenantAccess {

    private TenantAccess() {
    }

    public static TenantPrincipal caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantPrincipal principal) {
            return principal;
        }
        throw new AccessDeniedException("no API key principal");
    }

    /** For a tenant named in the request (path or body): 403 unless it is the caller's or the caller is admin. */
    public static TenantId requireTenant(TenantId requested) {
        if (!caller().canAccess(requested)) {
            throw new AccessDeniedException("this API key may not act for tenant " + requested.value());
        }
        return requested;
    }

    /** For a resource looked up by id: 404 when it belongs to another tenant. */
    public static <T> T requireOwned(T resource, TenantId owner, String what) {
        if (!caller().canAccess(owner)) {
            throw new NotFoundException(what + " not found");
        }
        return resource;
    }

    /** The tenant a tenant key stands for; an admin key must name one explicitly. */
    public static TenantId callerTenant() {
        return caller().tenantId().orElseThrow(() ->
                new IllegalArgumentException("an admin key must name the tenant (tenant parameter)"));
    }
}

package io.emailengine.alerting.adapter.out;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The condition selecting one tenant's rows, or the system's (no tenant, {@code tenant_id IS NULL}).
 * {@code tenant_id IS NOT DISTINCT FROM ?} says the same in one statement, but PostgreSQL cannot use a
 * btree index for it and reads the whole table; {@code tenant_id = ?} and {@code tenant_id IS NULL} are
 * both index conditions, so the statement is built for the case at hand. The system's form has no
 * parameter, so the bind arguments are built here too.
 */
final class TenantCondition {

    private TenantCondition() {
    }

    /** {@code tenant_id = ?} for a tenant, {@code tenant_id IS NULL} for the system (null). */
    static String of(String tenant) {
        return tenant == null ? "tenant_id IS NULL" : "tenant_id = ?";
    }

    /** The bind arguments of a statement whose first parameter is {@link #of(String)}'s: the tenant only when set. */
    static Object[] args(String tenant, Object... rest) {
        List<Object> args = new ArrayList<>(rest.length + 1);
        if (tenant != null) {
            args.add(tenant);
        }
        args.addAll(Arrays.asList(rest));
        return args.toArray();
    }
}

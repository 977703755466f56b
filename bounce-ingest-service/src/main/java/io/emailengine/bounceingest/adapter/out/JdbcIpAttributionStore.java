package io.emailengine.bounceingest.adapter.out;

import io.emailengine.bounceingest.application.IpAttributionStore;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.VirtualMtaSpec;
import io.emailengine.events.types.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIpAttributionStore implements IpAttributionStore {

    private final JdbcTemplate jdbc;

    JdbcIpAttributionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void learn(TenantId tenant, PmtaConfigRequested inventory, Instant learnedAt) {
        VirtualMtaSpec vmta = inventory.vmta();
        jdbc.update("""
                INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (ip) DO UPDATE SET
                    tenant_id = excluded.tenant_id, vmta = excluded.vmta, host_id = excluded.host_id,
                    pool = excluded.pool, learned_at = excluded.learned_at
                WHERE ip_attribution.learned_at <= excluded.learned_at""",
                vmta.ip().value(), tenant == null ? null : tenant.value(), vmta.name().value(),
                inventory.host().value(), vmta.pool(), Timestamp.from(learnedAt));
    }
}

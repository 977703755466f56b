package io.emailengine.bounceingest.adapter.out;

import io.emailengine.bounceingest.application.IpAttributionStore;
import io.emailengine.bounceingest.application.IpOwner;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.VirtualMtaSpec;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    @Override
    public Map<String, IpOwner> ownersOfIps(Collection<String> ips) {
        return query("SELECT ip, tenant_id, vmta, pool FROM ip_attribution WHERE ip = ANY (?)", ips, true);
    }

    @Override
    public Map<String, IpOwner> ownersOfVmtas(Collection<String> vmtas) {
        return query("SELECT ip, tenant_id, vmta, pool FROM ip_attribution WHERE vmta = ANY (?)", vmtas, false);
    }

    private Map<String, IpOwner> query(String sql, Collection<String> values, boolean byIp) {
        Map<String, IpOwner> owners = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("varchar", values.toArray()));
            return statement;
        }, (ResultSet rs) -> {
            IpOwner owner = owner(rs);
            owners.put(byIp ? owner.ip().value() : rs.getString("vmta"), owner);
        });
        return owners;
    }

    private static IpOwner owner(ResultSet rs) throws SQLException {
        String tenant = rs.getString("tenant_id");
        return new IpOwner(SendingIp.of(rs.getString("ip")), tenant == null ? null : TenantId.of(tenant),
                VirtualMtaName.of(rs.getString("vmta")), rs.getString("pool"));
    }
}

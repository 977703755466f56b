package io.emailengine.warmup.adapter.out;

import io.emailengine.events.types.HostId;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.warmup.application.InventoryStore;
import io.emailengine.warmup.domain.IpStatus;
import io.emailengine.warmup.domain.RegisteredIp;
import io.emailengine.warmup.domain.SendingIpSpec;
import io.emailengine.warmup.domain.WarmupStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcInventoryStore implements InventoryStore, io.emailengine.warmup.application.TenantDirectory {

    static final String COLUMNS = "i.ip, i.tenant_id, i.helo_hostname, i.sending_domain, i.dkim_selector, i.host_id, i.vmta, "
            + "i.pool, i.sending_hours, i.status, i.warmup_status, i.plan_name, i.created_at, i.updated_at";

    private final JdbcTemplate jdbc;

    JdbcInventoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RegisteredIp> find(SendingIp ip) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sending_ip i WHERE i.ip = ?", (rs, n) -> map(rs), ip.value())
                .stream().findFirst();
    }

    @Override
    public List<RegisteredIp> list(TenantId tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sending_ip i WHERE i.tenant_id = ? ORDER BY i.ip", (rs, n) -> map(rs),
                tenant.value());
    }

    @Override
    public List<TenantId> tenantsWithIps() {
        return jdbc.queryForList("SELECT DISTINCT tenant_id FROM sending_ip ORDER BY tenant_id", String.class).stream()
                .map(TenantId::of).toList();
    }

    @Override
    public void insert(RegisteredIp ip) {
        SendingIpSpec s = ip.spec();
        jdbc.update("""
                INSERT INTO sending_ip (ip, tenant_id, helo_hostname, sending_domain, dkim_selector, host_id, vmta, pool,
                                        sending_hours, status, warmup_status, plan_name, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.ip().value(), ip.tenant().value(), s.heloHostname(), s.sendingDomain(), s.dkimSelector(), s.host().value(),
                s.vmta().value(), s.pool(), s.sendingHours(), ip.status().name(), ip.warmupStatus().name(), ip.planName(),
                Timestamp.from(ip.createdAt()), Timestamp.from(ip.updatedAt()));
    }

    @Override
    public void update(RegisteredIp ip) {
        SendingIpSpec s = ip.spec();
        jdbc.update("""
                UPDATE sending_ip SET helo_hostname = ?, sending_domain = ?, dkim_selector = ?, host_id = ?, vmta = ?,
                       pool = ?, sending_hours = ?, status = ?, warmup_status = ?, plan_name = ?, updated_at = ?
                WHERE ip = ? AND tenant_id = ?""",
                s.heloHostname(), s.sendingDomain(), s.dkimSelector(), s.host().value(), s.vmta().value(), s.pool(),
                s.sendingHours(), ip.status().name(), ip.warmupStatus().name(), ip.planName(), Timestamp.from(ip.updatedAt()),
                s.ip().value(), ip.tenant().value());
    }

    static RegisteredIp map(ResultSet rs) throws SQLException {
        SendingIpSpec spec = new SendingIpSpec(SendingIp.of(rs.getString("ip")), rs.getString("helo_hostname"),
                rs.getString("sending_domain"), rs.getString("dkim_selector"), HostId.of(rs.getString("host_id")),
                VirtualMtaName.of(rs.getString("vmta")), rs.getString("pool"), rs.getInt("sending_hours"));
        return new RegisteredIp(TenantId.of(rs.getString("tenant_id")), spec, IpStatus.valueOf(rs.getString("status")),
                WarmupStatus.valueOf(rs.getString("warmup_status")), rs.getString("plan_name"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}

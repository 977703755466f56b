package io.emailengine.mailwizz.adapter.out;

import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.QuotaApplicationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcQuotaApplicationStore implements QuotaApplicationStore {

    /** Advisory lock id of the quota applier ("mwquota" in ASCII); distinct from the kit's relay lock. */
    private static final long APPLIER_LOCK = 0x6d7771756f7461L;
    private static final String COLUMNS = """
            tenant_id, ip, vmta, daily_quota, hourly_quota, changed_at, apply_state, attempts, alerted_problem, server_id""";
    private static final int MAX_ERROR = 500;

    private final JdbcTemplate jdbc;

    JdbcQuotaApplicationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryLead() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, APPLIER_LOCK));
    }

    @Override
    public List<DesiredQuota> due(Instant now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM desired_quota WHERE apply_state IN ('pending', 'retry')"
                        + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY changed_at LIMIT ?",
                JdbcQuotaApplicationStore::desired, Timestamp.from(now), limit);
    }

    @Override
    public List<DesiredQuota> inState(String state, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM desired_quota WHERE apply_state = ? ORDER BY tenant_id, ip LIMIT ?",
                JdbcQuotaApplicationStore::desired, state, limit);
    }

    @Override
    public Optional<Long> mappedServer(TenantId tenant, String ip, String vmta) {
        // an IP mapping wins over a virtual MTA mapping: it is the more specific one
        return jdbc.query("""
                        SELECT server_id FROM delivery_server_mapping WHERE tenant_id = ? AND subject IN (?, ?)
                        ORDER BY CASE WHEN subject = ? THEN 0 ELSE 1 END LIMIT 1""",
                rs -> rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty(), tenant.value(), ip, vmta, ip);
    }

    @Override
    public java.util.Map<String, Long> mappedServers(TenantId tenant, java.util.Collection<String> subjects) {
        java.util.Map<String, Long> servers = new java.util.HashMap<>();
        if (subjects.isEmpty()) {
            return servers;
        }
        jdbc.query(con -> {
            var statement = con.prepareStatement(
                    "SELECT subject, server_id FROM delivery_server_mapping WHERE tenant_id = ? AND subject = ANY (?)");
            statement.setString(1, tenant.value());
            statement.setArray(2, con.createArrayOf("varchar", subjects.toArray()));
            return statement;
        }, rs -> {
            servers.put(rs.getString(1), rs.getLong(2));
        });
        return servers;
    }

    @Override
    public void markAllApplied(java.util.Map<DesiredQuota, Long> serverOfQuota, Instant now) {
        List<Object[]> rows = serverOfQuota.entrySet().stream().map(e -> new Object[] {e.getValue(), Timestamp.from(now),
                e.getKey().tenant().value(), e.getKey().ip(), Timestamp.from(e.getKey().changedAt()), e.getKey().daily(),
                e.getKey().hourly()}).toList();
        jdbc.batchUpdate("""
                UPDATE desired_quota SET apply_state = 'applied', server_id = ?, applied_daily = daily_quota,
                    applied_hourly = hourly_quota, applied_at = ?, attempts = 0, next_attempt_at = NULL, last_error = NULL,
                    alerted_problem = NULL
                WHERE tenant_id = ? AND ip = ? AND changed_at = ? AND daily_quota = ? AND hourly_quota = ?""", rows);
    }

    @Override
    public java.util.Set<String> knownSubjects(TenantId tenant) {
        return new java.util.HashSet<>(jdbc.queryForList(
                "SELECT ip FROM desired_quota WHERE tenant_id = ? UNION SELECT vmta FROM desired_quota WHERE tenant_id = ?",
                String.class, tenant.value(), tenant.value()));
    }

    @Override
    public List<QuotaState> states(TenantId tenant) {
        return jdbc.query("""
                SELECT ip, vmta, daily_quota, hourly_quota, apply_state, server_id, applied_daily, applied_hourly, applied_at, last_error
                FROM desired_quota WHERE tenant_id = ? ORDER BY ip""",
                (rs, i) -> new QuotaState(rs.getString("ip"), rs.getString("vmta"), rs.getLong("daily_quota"), rs.getLong("hourly_quota"),
                        rs.getString("apply_state"), (Long) rs.getObject("server_id"), (Long) rs.getObject("applied_daily"),
                        (Long) rs.getObject("applied_hourly"),
                        rs.getTimestamp("applied_at") == null ? null : rs.getTimestamp("applied_at").toInstant(),
                        rs.getString("last_error")), tenant.value());
    }

    @Override
    public void saveMapping(TenantId tenant, String subject, long serverId, String source, Instant now) {
        jdbc.update("""
                INSERT INTO delivery_server_mapping (tenant_id, subject, server_id, source, mapped_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, subject) DO UPDATE SET server_id = excluded.server_id, source = excluded.source,
                    mapped_at = excluded.mapped_at
                WHERE delivery_server_mapping.server_id <> excluded.server_id OR delivery_server_mapping.source <> excluded.source""",
                tenant.value(), subject, serverId, source, Timestamp.from(now));
        jdbc.update("""
                UPDATE desired_quota SET apply_state = 'pending', attempts = 0, next_attempt_at = NULL
                WHERE tenant_id = ? AND (ip = ? OR vmta = ?) AND (server_id IS DISTINCT FROM ? OR apply_state <> 'applied')""",
                tenant.value(), subject, subject, serverId);
    }

    @Override
    public List<Mapping> mappings(TenantId tenant) {
        return jdbc.query("SELECT tenant_id, subject, server_id, source, mapped_at FROM delivery_server_mapping WHERE tenant_id = ?"
                        + " ORDER BY subject",
                (rs, i) -> new Mapping(new TenantId(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), tenant.value());
    }

    @Override
    public boolean markApplied(DesiredQuota quota, long serverId, Instant now) {
        return jdbc.update("""
                UPDATE desired_quota SET apply_state = 'applied', server_id = ?, applied_daily = daily_quota,
                    applied_hourly = hourly_quota, applied_at = ?, attempts = 0, next_attempt_at = NULL, last_error = NULL,
                    alerted_problem = NULL
                WHERE tenant_id = ? AND ip = ? AND changed_at = ? AND daily_quota = ? AND hourly_quota = ?""",
                serverId, Timestamp.from(now), quota.tenant().value(), quota.ip(), Timestamp.from(quota.changedAt()),
                quota.daily(), quota.hourly()) == 1;
    }

    @Override
    public void markProblem(DesiredQuota quota, String state, Long serverId, String error, String alertedProblem) {
        jdbc.update("""
                UPDATE desired_quota SET apply_state = ?, server_id = ?, last_error = ?, alerted_problem = ?, next_attempt_at = NULL
                WHERE tenant_id = ? AND ip = ? AND changed_at = ?""",
                state, serverId, truncate(error), alertedProblem, quota.tenant().value(), quota.ip(), Timestamp.from(quota.changedAt()));
    }

    @Override
    public void markRetry(DesiredQuota quota, Instant nextAttempt, String error) {
        jdbc.update("""
                UPDATE desired_quota SET apply_state = 'retry', attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                WHERE tenant_id = ? AND ip = ? AND changed_at = ?""",
                Timestamp.from(nextAttempt), truncate(error), quota.tenant().value(), quota.ip(), Timestamp.from(quota.changedAt()));
    }

    @Override
    public int requeueProblems() {
        return jdbc.update("""
                UPDATE desired_quota SET apply_state = 'pending', next_attempt_at = NULL
                WHERE apply_state IN ('unmapped', 'warmup-conflict', 'no-database')""");
    }

    @Override
    public long countInState(String state) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM desired_quota WHERE apply_state = ?", Long.class, state);
        return count == null ? 0 : count;
    }

    private static DesiredQuota desired(ResultSet rs, int row) throws SQLException {
        long server = rs.getLong("server_id");
        Long serverId = rs.wasNull() ? null : server;
        return new DesiredQuota(new TenantId(rs.getString("tenant_id")), rs.getString("ip"), rs.getString("vmta"),
                rs.getLong("daily_quota"), rs.getLong("hourly_quota"), rs.getTimestamp("changed_at").toInstant(),
                rs.getString("apply_state"), rs.getInt("attempts"), rs.getString("alerted_problem"), serverId);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}

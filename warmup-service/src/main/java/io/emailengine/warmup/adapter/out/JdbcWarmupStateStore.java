package io.emailengine.warmup.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.application.IpWarmup;
import io.emailengine.warmup.application.WarmupStateStore;
import io.emailengine.warmup.domain.ProviderPhase;
import io.emailengine.warmup.domain.ProviderStats;
import io.emailengine.warmup.domain.ProviderWarmup;
import io.emailengine.warmup.domain.RegisteredIp;
import io.emailengine.warmup.domain.SignalAction;
import io.emailengine.warmup.domain.SignalCount;
import io.emailengine.warmup.domain.SignalsHandled;
import io.emailengine.warmup.domain.WindowStats;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWarmupStateStore implements WarmupStateStore {

    private static final String STATE_COLUMNS = "s.provider, s.phase, s.stage, s.warmup_day, s.daily_quota, s.day_started_at, "
            + "s.paused_until, s.pause_reason, s.recovery_days_left, s.alerting, s.last_active_at, s.healthy_days_at_stage, "
            + "s.signals_handled::text AS signals_handled";

    /**
     * Serialises immediate signal reactions with the tick: the tick takes it exclusively for its whole
     * transaction, a reaction shares it, so neither overwrites a state the other just changed. Arbitrary
     * but fixed, distinct from the kit's outbox relay lock.
     */
    private static final long ENGINE_LOCK = 0x5761726d75704c4bL;
    private static final TypeReference<Map<String, String>> HANDLED = new TypeReference<>() { };
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    JdbcWarmupStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement for all states with their day and last-hour sums from the hourly roll-up (the day
     * window starts at the hour of each state's own day start), one for the signals of the last tick
     * period (per minute bucket and source): a tick over 1,000 IPs stays two round trips.
     */
    @Override
    public List<IpWarmup> dueForTick(Instant tickTime, Duration period) {
        Timestamp now = Timestamp.from(tickTime);
        Timestamp periodStart = Timestamp.from(tickTime.minus(period));
        // Hour buckets: the last hour is the bucket(s) from the hour before the tick up to the tick.
        Timestamp lastHour = Timestamp.from(tickTime.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS));
        Map<String, List<SignalCount>> signals = signals(periodStart, now);
        Map<String, IpBuilder> byIp = new LinkedHashMap<>();
        jdbc.query("""
                SELECT %s, %s,
                  COALESCE(SUM(h.delivered)    FILTER (WHERE h.hour_start >= date_trunc('hour', s.day_started_at)), 0) AS day_delivered,
                  COALESCE(SUM(h.hard_bounces) FILTER (WHERE h.hour_start >= date_trunc('hour', s.day_started_at)), 0) AS day_hard,
                  COALESCE(SUM(h.soft_bounces) FILTER (WHERE h.hour_start >= date_trunc('hour', s.day_started_at)), 0) AS day_soft,
                  COALESCE(SUM(h.deferrals)    FILTER (WHERE h.hour_start >= date_trunc('hour', s.day_started_at)), 0) AS day_deferrals,
                  COALESCE(SUM(h.complaints)   FILTER (WHERE h.hour_start >= date_trunc('hour', s.day_started_at)), 0) AS day_complaints,
                  COALESCE(SUM(h.delivered)    FILTER (WHERE h.hour_start >= ?), 0) AS hour_delivered,
                  COALESCE(SUM(h.hard_bounces) FILTER (WHERE h.hour_start >= ?), 0) AS hour_hard,
                  COALESCE(SUM(h.soft_bounces) FILTER (WHERE h.hour_start >= ?), 0) AS hour_soft,
                  COALESCE(SUM(h.deferrals)    FILTER (WHERE h.hour_start >= ?), 0) AS hour_deferrals,
                  COALESCE(SUM(h.complaints)   FILTER (WHERE h.hour_start >= ?), 0) AS hour_complaints
                FROM sending_ip i
                JOIN warmup_state s ON s.ip = i.ip
                LEFT JOIN delivery_hour h ON h.tenant_id = s.tenant_id AND h.ip = s.ip AND h.provider = s.provider
                     AND h.hour_start >= LEAST(date_trunc('hour', s.day_started_at), ?) AND h.hour_start < ?
                WHERE i.warmup_status = 'WARMING' AND (i.last_tick_at IS NULL OR i.last_tick_at < ?)
                GROUP BY i.ip, s.ip, s.provider
                ORDER BY i.ip, s.provider""".formatted(JdbcInventoryStore.COLUMNS, STATE_COLUMNS),
                rs -> {
                    String ip = rs.getString("ip");
                    IpBuilder builder = byIp.get(ip);
                    if (builder == null) {
                        builder = new IpBuilder(JdbcInventoryStore.map(rs));
                        byIp.put(ip, builder);
                    }
                    ProviderWarmup state = state(rs);
                    WindowStats day = new WindowStats(rs.getLong("day_delivered"), rs.getLong("day_hard"), rs.getLong("day_soft"),
                            rs.getLong("day_deferrals"), rs.getLong("day_complaints"));
                    WindowStats hour = new WindowStats(rs.getLong("hour_delivered"), rs.getLong("hour_hard"),
                            rs.getLong("hour_soft"), rs.getLong("hour_deferrals"), rs.getLong("hour_complaints"));
                    // keyed by the IP's owner too: a signal attributed to another tenant is not this IP's
                    builder.providers.add(new IpWarmup.Provider(state, new ProviderStats(hour, day, signals.getOrDefault(
                            builder.ip.tenant().value() + "|" + ip + "|" + state.provider().name(), List.of()))));
                },
                lastHour, lastHour, lastHour, lastHour, lastHour, lastHour, now, now);
        List<IpWarmup> due = new ArrayList<>(byIp.size());
        byIp.values().forEach(b -> due.add(new IpWarmup(b.ip, List.copyOf(b.providers))));
        return due;
    }

    private Map<String, List<SignalCount>> signals(Timestamp from, Timestamp to) {
        Map<String, List<SignalCount>> signals = new HashMap<>();
        jdbc.query("""
                SELECT tenant_id, ip, provider, signal_code, bucket_start,
                       COALESCE(SUM(count) FILTER (WHERE source = 'BOUNCE'), 0) AS bounces,
                       COALESCE(SUM(count) FILTER (WHERE source = 'REPORT'), 0) AS reported
                FROM provider_signal
                WHERE bucket_start >= ? AND bucket_start < ?
                GROUP BY tenant_id, ip, provider, signal_code, bucket_start""",
                rs -> {
                    signals.computeIfAbsent(rs.getString("tenant_id") + "|" + rs.getString("ip") + "|" + rs.getString("provider"),
                            k -> new ArrayList<>()).add(JdbcDeliveryStatisticsStore.signalCount(rs));
                }, from, to);
        return signals;
    }

    @Override
    public void lockForTick() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, ENGINE_LOCK);
    }

    @Override
    public List<ProviderWarmup> statesForSignalReaction(SendingIp ip) {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rs -> { }, ENGINE_LOCK);
        return jdbc.query("SELECT " + STATE_COLUMNS + " FROM warmup_state s WHERE s.ip = ? ORDER BY s.provider FOR UPDATE",
                (rs, n) -> state(rs), ip.value());
    }

    @Override
    public List<ProviderWarmup> states(SendingIp ip) {
        return jdbc.query("SELECT " + STATE_COLUMNS + " FROM warmup_state s WHERE s.ip = ? ORDER BY s.provider",
                (rs, n) -> state(rs), ip.value());
    }

    @Override
    public void save(TenantId tenant, SendingIp ip, List<ProviderWarmup> states, UUID lastDecision, Instant now) {
        saveAll(states.stream().map(s -> new SavedState(tenant, ip, s, lastDecision)).toList(), now);
    }

    @Override
    public void saveAll(List<SavedState> states, Instant now) {
        if (states.isEmpty()) {
            return;
        }
        Timestamp updated = Timestamp.from(now);
        jdbc.batchUpdate("""
                INSERT INTO warmup_state (ip, provider, tenant_id, phase, stage, warmup_day, daily_quota, day_started_at,
                       paused_until, pause_reason, recovery_days_left, alerting, last_active_at, last_decision_id, updated_at,
                       healthy_days_at_stage, signals_handled)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (ip, provider) DO UPDATE SET phase = excluded.phase, stage = excluded.stage,
                       warmup_day = excluded.warmup_day, daily_quota = excluded.daily_quota,
                       day_started_at = excluded.day_started_at, paused_until = excluded.paused_until,
                       pause_reason = excluded.pause_reason, recovery_days_left = excluded.recovery_days_left,
                       alerting = excluded.alerting, last_active_at = excluded.last_active_at,
                       healthy_days_at_stage = excluded.healthy_days_at_stage,
                       signals_handled = excluded.signals_handled,
                       last_decision_id = COALESCE(excluded.last_decision_id, warmup_state.last_decision_id),
                       updated_at = excluded.updated_at""",
                states, 500, (ps, saved) -> {
                    ProviderWarmup s = saved.state();
                    ps.setString(1, saved.ip().value());
                    ps.setString(2, s.provider().name());
                    ps.setString(3, saved.tenant().value());
                    ps.setString(4, s.phase().name());
                    ps.setInt(5, s.stage());
                    ps.setInt(6, s.warmupDay());
                    ps.setLong(7, s.dailyQuota());
                    ps.setTimestamp(8, Timestamp.from(s.dayStartedAt()));
                    ps.setTimestamp(9, s.pausedUntil() == null ? null : Timestamp.from(s.pausedUntil()));
                    ps.setString(10, s.pauseReason());
                    ps.setInt(11, s.recoveryDaysLeft());
                    ps.setBoolean(12, s.alerting());
                    ps.setTimestamp(13, Timestamp.from(s.lastActiveAt()));
                    ps.setObject(14, saved.lastDecision());
                    ps.setTimestamp(15, updated);
                    ps.setInt(16, s.healthyDaysAtStage());
                    ps.setString(17, handledJson(s.signalsHandled()));
                });
    }

    @Override
    public List<SavedState> allWarming() {
        return jdbc.query("SELECT s.ip, s.tenant_id, s.last_decision_id, " + STATE_COLUMNS
                        + " FROM warmup_state s JOIN sending_ip i ON i.ip = s.ip WHERE i.warmup_status = 'WARMING'",
                (rs, n) -> new SavedState(TenantId.of(rs.getString("tenant_id")), SendingIp.of(rs.getString("ip")), state(rs),
                        rs.getObject("last_decision_id", UUID.class)));
    }

    @Override
    public void delete(SendingIp ip) {
        jdbc.update("DELETE FROM warmup_state WHERE ip = ?", ip.value());
    }

    @Override
    public void markTicked(List<SendingIp> ips, Instant tickTime) {
        if (ips.isEmpty()) {
            return;
        }
        jdbc.execute((java.sql.Connection connection) -> {
            Array array = connection.createArrayOf("varchar", ips.stream().map(SendingIp::value).toArray());
            try (var ps = connection.prepareStatement("UPDATE sending_ip SET last_tick_at = ? WHERE ip = ANY (?)")) {
                ps.setTimestamp(1, Timestamp.from(tickTime));
                ps.setArray(2, array);
                return ps.executeUpdate();
            }
        });
    }

    private static ProviderWarmup state(ResultSet rs) throws SQLException {
        Timestamp pausedUntil = rs.getTimestamp("paused_until");
        return new ProviderWarmup(Provider.of(rs.getString("provider")), ProviderPhase.valueOf(rs.getString("phase")),
                rs.getInt("stage"), rs.getInt("warmup_day"), rs.getLong("daily_quota"),
                rs.getTimestamp("day_started_at").toInstant(), pausedUntil == null ? null : pausedUntil.toInstant(),
                rs.getString("pause_reason"), rs.getInt("recovery_days_left"), rs.getBoolean("alerting"),
                rs.getTimestamp("last_active_at").toInstant(), rs.getInt("healthy_days_at_stage"),
                handled(rs.getString("signals_handled")));
    }

    private static String handledJson(SignalsHandled handled) {
        Map<String, String> json = new TreeMap<>();
        handled.until().forEach((action, until) -> json.put(action.name(), until.toString()));
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the handled signals", e);
        }
    }

    private static SignalsHandled handled(String json) {
        if (json == null || json.isBlank()) {
            return SignalsHandled.NOTHING;
        }
        try {
            Map<SignalAction, Instant> until = new EnumMap<>(SignalAction.class);
            JSON.readValue(json, HANDLED).forEach((action, instant) ->
                    until.put(SignalAction.valueOf(action), Instant.parse(instant)));
            return new SignalsHandled(until);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("warmup_state.signals_handled is not the expected JSON", e);
        }
    }

    private static final class IpBuilder {
        final RegisteredIp ip;
        final List<IpWarmup.Provider> providers = new ArrayList<>();

        IpBuilder(RegisteredIp ip) {
            this.ip = ip;
        }
    }
}

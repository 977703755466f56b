package io.emailengine.warmup.adapter.out;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.application.DeliveryStatisticsStore;
import io.emailengine.warmup.domain.SignalCount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDeliveryStatisticsStore implements DeliveryStatisticsStore {

    private final JdbcTemplate jdbc;

    JdbcDeliveryStatisticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(TenantId tenant, DeliveryReport report) {
        jdbc.update("""
                INSERT INTO delivery_window (tenant_id, ip, provider, window_start, window_end, delivered,
                                             hard_bounces, soft_bounces, deferrals, complaints, reports)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (tenant_id, ip, provider, window_start) DO UPDATE SET
                    window_end   = GREATEST(delivery_window.window_end, excluded.window_end),
                    delivered    = delivery_window.delivered + excluded.delivered,
                    hard_bounces = delivery_window.hard_bounces + excluded.hard_bounces,
                    soft_bounces = delivery_window.soft_bounces + excluded.soft_bounces,
                    deferrals    = delivery_window.deferrals + excluded.deferrals,
                    complaints   = delivery_window.complaints + excluded.complaints,
                    reports      = delivery_window.reports + 1""",
                tenant.value(), report.ip().value(), report.provider().name(),
                Timestamp.from(report.windowStart()), Timestamp.from(report.windowEnd()),
                report.delivered(), report.hardBounces(), report.softBounces(), report.deferrals(), report.complaints());
        jdbc.update("""
                INSERT INTO delivery_hour (tenant_id, ip, provider, hour_start, delivered, hard_bounces, soft_bounces,
                                           deferrals, complaints)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, ip, provider, hour_start) DO UPDATE SET
                    delivered    = delivery_hour.delivered + excluded.delivered,
                    hard_bounces = delivery_hour.hard_bounces + excluded.hard_bounces,
                    soft_bounces = delivery_hour.soft_bounces + excluded.soft_bounces,
                    deferrals    = delivery_hour.deferrals + excluded.deferrals,
                    complaints   = delivery_hour.complaints + excluded.complaints""",
                tenant.value(), report.ip().value(), report.provider().name(),
                Timestamp.from(report.windowStart().truncatedTo(ChronoUnit.HOURS)),
                report.delivered(), report.hardBounces(), report.softBounces(), report.deferrals(), report.complaints());
    }

    @Override
    public List<SignalCount> signalsSince(TenantId tenant, SendingIp ip, Provider provider, Instant from) {
        return jdbc.query("""
                SELECT signal_code, bucket_start,
                       COALESCE(SUM(count) FILTER (WHERE source = 'BOUNCE'), 0) AS bounces,
                       COALESCE(SUM(count) FILTER (WHERE source = 'REPORT'), 0) AS reported
                FROM provider_signal
                WHERE tenant_id = ? AND ip = ? AND provider = ? AND bucket_start >= ?
                GROUP BY signal_code, bucket_start
                ORDER BY bucket_start, signal_code""",
                (rs, n) -> signalCount(rs), tenant.value(), ip.value(), provider.name(), Timestamp.from(from));
    }

    /** One minute bucket of one code with both sources' counts (the tick reads the same shape). */
    static SignalCount signalCount(ResultSet rs) throws SQLException {
        return new SignalCount(rs.getString("signal_code"), rs.getTimestamp("bucket_start").toInstant(), rs.getLong("bounces"),
                rs.getLong("reported"));
    }

    @Override
    public void addSignal(TenantId tenant, SendingIp ip, Provider provider, String signalCode, Instant at, long count,
                          SignalSource source) {
        jdbc.update("""
                INSERT INTO provider_signal (tenant_id, ip, provider, signal_code, source, bucket_start, count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, ip, provider, signal_code, source, bucket_start)
                DO UPDATE SET count = provider_signal.count + excluded.count""",
                tenant.value(), ip.value(), provider.name(), signalCode.toLowerCase(Locale.ROOT), source.name(),
                Timestamp.from(at.truncatedTo(ChronoUnit.MINUTES)), count);
    }
}

package io.emailengine.warmup.adapter.out;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.jdbc.ChunkedPurge;
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

    /**
     * One IP x provider's signals since an instant (parameters: tenant, IP, provider, from), run by the bounce
     * consumer for every block signal of a warming IP, i.e. during bursts. The primary key leads with the IP x
     * provider and then {@code bucket_start}, so this reads the window's rows only, however long the IP has had
     * signals.
     */
    static final String SIGNALS_SINCE = """
            SELECT signal_code, bucket_start,
                   COALESCE(SUM(count) FILTER (WHERE source = 'BOUNCE'), 0) AS bounces,
                   COALESCE(SUM(count) FILTER (WHERE source = 'REPORT'), 0) AS reported
            FROM provider_signal
            WHERE tenant_id = ? AND ip = ? AND provider = ? AND bucket_start >= ?
            GROUP BY signal_code, bucket_start
            ORDER BY bucket_start, signal_code""";

    /** One chunk of the signal purge (see the kit's {@link ChunkedPurge}), through {@code provider_signal_bucket}. */
    static final String PURGE_SIGNALS = ChunkedPurge.chunkStatement("provider_signal", "bucket_start");

    /** One chunk of the hourly counts' purge, through {@code delivery_hour_age}. */
    static final String PURGE_HOURS = ChunkedPurge.chunkStatement("delivery_hour", "hour_start");

    private final JdbcTemplate jdbc;

    JdbcDeliveryStatisticsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the report to its hour: the rules read whole hours ({@code delivery_hour}), and nothing reads the
     * report's own five-minute window, so that is not kept.
     */
    @Override
    public void add(TenantId tenant, DeliveryReport report) {
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
        return jdbc.query(SIGNALS_SINCE, (rs, n) -> signalCount(rs), tenant.value(), ip.value(), provider.name(),
                Timestamp.from(from));
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

    @Override
    public long purgeSignalsBefore(Instant cutoff, int chunkRows, int maxChunks) {
        return ChunkedPurge.deleteOlderThan(jdbc, PURGE_SIGNALS, cutoff, chunkRows, maxChunks);
    }

    @Override
    public long purgeHoursBefore(Instant cutoff, int chunkRows, int maxChunks) {
        return ChunkedPurge.deleteOlderThan(jdbc, PURGE_HOURS, cutoff, chunkRows, maxChunks);
    }
}

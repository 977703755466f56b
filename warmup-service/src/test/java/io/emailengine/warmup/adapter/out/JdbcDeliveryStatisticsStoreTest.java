package io.emailengine.warmup.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.testsupport.QueryPlan;
import io.emailengine.testsupport.RealInfrastructure;
import io.emailengine.testsupport.TestDatabase;
import io.emailengine.warmup.application.DeliveryStatisticsStore.SignalSource;
import io.emailengine.warmup.application.RetentionSettings;
import io.emailengine.warmup.application.StatisticsRetention;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delivery statistics tables in PostgreSQL (the service's own migrations): what an immediate signal reaction
 * reads of {@code provider_signal} however long an IP's signal history is (its plans, on tables filled with tens of
 * thousands of rows), and the retention purge of {@code provider_signal} and {@code delivery_hour}.
 */
@RealInfrastructure(kafka = false)
class JdbcDeliveryStatisticsStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:30:00Z");
    private static final Duration RETENTION = Duration.ofDays(14);
    private static final Instant CUTOFF = NOW.minus(RETENTION);
    private static final TenantId TENANT = TenantId.of("tenant-a");
    private static final SendingIp IP = SendingIp.of("198.18.0.1");
    private static final SendingIp OTHER_IP = SendingIp.of("198.18.0.2");

    static JdbcTemplate jdbc;
    static JdbcDeliveryStatisticsStore store;

    @BeforeAll
    static void migrate(TestDatabase database) {
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(database.dataSource());
        store = new JdbcDeliveryStatisticsStore(jdbc);
    }

    @AfterEach
    void forgetTheTestRows() {
        jdbc.execute("TRUNCATE provider_signal, delivery_hour, delivery_window");
    }

    @Test
    void aSignalReactionReadsOnlyTheWindowOfItsIpAndProviderHoweverManyCodesSourcesAndMinutesItHasHad() throws Exception {
        // The IP x provider under test: 20 codes x 2 sources x 12 hours of minute buckets = 28,800 rows ...
        jdbc.update("""
                INSERT INTO provider_signal (tenant_id, ip, provider, signal_code, source, bucket_start, count)
                SELECT 'tenant-a', '198.18.0.1', 'yahoo', 'code-' || c, src, ?::timestamptz - m * interval '1 minute', 1
                FROM generate_series(1, 20) c, unnest(ARRAY['BOUNCE', 'REPORT']) src, generate_series(0, 719) m""",
                Timestamp.from(NOW));
        // ... among 500 other IPs' signals of the same 12 hours (144,000 rows).
        jdbc.update("""
                INSERT INTO provider_signal (tenant_id, ip, provider, signal_code, source, bucket_start, count)
                SELECT 'tenant-a', '198.19.' || (n / 256) || '.' || (n % 256), 'yahoo', 'code-1', src,
                       ?::timestamptz - m * interval '5 minutes', 1
                FROM generate_series(1, 500) n, unnest(ARRAY['BOUNCE', 'REPORT']) src, generate_series(0, 143) m""",
                Timestamp.from(NOW));
        jdbc.execute("ANALYZE provider_signal");
        Timestamp windowStart = Timestamp.from(NOW.minus(Duration.ofHours(1)));

        QueryPlan custom = QueryPlan.of(jdbc.getDataSource(), JdbcDeliveryStatisticsStore.SIGNALS_SINCE,
                "tenant-a", "198.18.0.1", "yahoo", windowStart);
        // What the server does with a statement it keeps prepared: one plan for any parameters.
        QueryPlan generic = QueryPlan.generic(jdbc.getDataSource(), JdbcDeliveryStatisticsStore.SIGNALS_SINCE,
                "tenant-a", "198.18.0.1", "yahoo", windowStart);

        for (QueryPlan plan : List.of(custom, generic)) {
            assertThat(plan.scansATable()).as("%s", plan).isFalse();
            List<String> indexes = plan.indexes();
            assertThat(indexes).as("%s", plan).hasSize(1);
            assertThat(columnsOf(indexes.get(0))).as("the window is one range of the index: " + plan)
                    .startsWith("tenant_id", "ip", "provider", "bucket_start");
        }
    }

    @Test
    void deliveryReportsAddUpInTheirHourAndNoFiveMinuteWindowIsKept() {
        report(IP, Instant.parse("2026-11-20T10:00:00Z"), 900);
        report(IP, Instant.parse("2026-11-20T10:55:00Z"), 100);
        report(IP, Instant.parse("2026-11-20T11:00:00Z"), 7);

        assertThat(jdbc.query("SELECT hour_start, delivered FROM delivery_hour ORDER BY hour_start",
                (rs, n) -> rs.getTimestamp(1).toInstant() + " " + rs.getLong(2)))
                .containsExactly("2026-11-20T10:00:00Z 1000", "2026-11-20T11:00:00Z 7");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery_window", Long.class)).isZero();
    }

    @Test
    void thePurgeDeletesSignalBucketsOlderThanTheRetentionAndKeepsNewerOnes() {
        for (int i = 0; i < 25; i++) {
            // older than the retention, several chunks of 10
            signal(IP, "code-" + i, CUTOFF.minus(Duration.ofDays(i % 5)).minusSeconds(60), SignalSource.BOUNCE);
        }
        signal(OTHER_IP, "yahoo-tss04", CUTOFF.minusSeconds(60), SignalSource.REPORT);
        signal(IP, "yahoo-tss04", CUTOFF, SignalSource.BOUNCE);
        signal(IP, "yahoo-tss04", CUTOFF.plusSeconds(60), SignalSource.REPORT);
        signal(OTHER_IP, "microsoft-s3150", NOW.minus(Duration.ofHours(1)), SignalSource.BOUNCE);

        StatisticsRetention.Purged purged = retention(10, 100).purge();

        assertThat(purged.providerSignals()).isEqualTo(26);
        assertThat(jdbc.queryForList("SELECT bucket_start FROM provider_signal ORDER BY bucket_start", Timestamp.class))
                .extracting(Timestamp::toInstant)
                .containsExactly(CUTOFF, CUTOFF.plusSeconds(60), NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void thePurgeDeletesHourlyDeliveryCountsOlderThanTheRetentionAndKeepsNewerOnes() {
        for (int h = 1; h <= 25; h++) {
            report(IP, CUTOFF.minus(Duration.ofHours(h)), 100);
        }
        report(OTHER_IP, CUTOFF.minus(Duration.ofDays(30)), 100);
        // the hour the cutoff falls in began before it: purged with the older ones
        report(IP, CUTOFF, 100);
        report(IP, CUTOFF.plus(Duration.ofHours(1)), 7);
        report(OTHER_IP, NOW.minus(Duration.ofHours(1)), 5);
        report(OTHER_IP, NOW, 3);

        StatisticsRetention.Purged purged = retention(10, 100).purge();

        assertThat(purged.deliveryHours()).isEqualTo(27);
        assertThat(jdbc.queryForList("SELECT hour_start FROM delivery_hour ORDER BY hour_start", Timestamp.class))
                .extracting(Timestamp::toInstant)
                .containsExactly(Instant.parse("2026-11-06T13:00:00Z"), Instant.parse("2026-11-20T11:00:00Z"),
                        Instant.parse("2026-11-20T12:00:00Z"));
    }

    @Test
    void aPurgeRunDeletesAtMostItsChunksAndTheNextRunGoesOnWithTheOldestLeft() {
        for (int i = 0; i < 25; i++) {
            signal(IP, "code-" + i, CUTOFF.minus(Duration.ofMinutes(100 - i)), SignalSource.BOUNCE);
            report(IP, CUTOFF.minus(Duration.ofHours(100 - i)), 1);
        }
        StatisticsRetention retention = retention(10, 2);

        StatisticsRetention.Purged first = retention.purge();

        assertThat(first).isEqualTo(new StatisticsRetention.Purged(20, 20));
        assertThat(jdbc.queryForObject("SELECT min(bucket_start) FROM provider_signal", Timestamp.class).toInstant())
                .as("oldest first").isEqualTo(CUTOFF.minus(Duration.ofMinutes(80)));
        assertThat(jdbc.queryForObject("SELECT min(hour_start) FROM delivery_hour", Timestamp.class).toInstant())
                .as("oldest first").isEqualTo(CUTOFF.minus(Duration.ofHours(80)).truncatedTo(ChronoUnit.HOURS));
        assertThat(retention.purge()).isEqualTo(new StatisticsRetention.Purged(5, 5));
        assertThat(retention.purge()).isEqualTo(new StatisticsRetention.Purged(0, 0));
    }

    @Test
    void eachPurgeChunkFindsTheExpiredRowsThroughAnIndex() throws Exception {
        // Four weeks of steady traffic, the older half of it past the retention.
        jdbc.update("""
                INSERT INTO provider_signal (tenant_id, ip, provider, signal_code, source, bucket_start, count)
                SELECT 'tenant-a', '198.19.' || (n / 256) || '.' || (n % 256), 'yahoo', 'code-1', 'BOUNCE',
                       ?::timestamptz - m * interval '10 minutes', 1
                FROM generate_series(1, 20) n, generate_series(0, 4031) m""", Timestamp.from(NOW));
        jdbc.update("""
                INSERT INTO delivery_hour (tenant_id, ip, provider, hour_start, delivered, hard_bounces, soft_bounces,
                                           deferrals, complaints)
                SELECT 'tenant-a', '198.19.' || (n / 256) || '.' || (n % 256), p, ?::timestamptz - h * interval '1 hour',
                       100, 0, 0, 0, 0
                FROM generate_series(1, 50) n, unnest(ARRAY['gmail', 'microsoft', 'yahoo', 'other']) p,
                     generate_series(0, 671) h""", Timestamp.from(NOW.truncatedTo(ChronoUnit.HOURS)));
        jdbc.execute("ANALYZE provider_signal, delivery_hour");

        // A first chunk: from the beginning of time to the cutoff.
        Timestamp beginning = new Timestamp(org.postgresql.PGStatement.DATE_NEGATIVE_INFINITY);
        QueryPlan signals = QueryPlan.of(jdbc.getDataSource(), JdbcDeliveryStatisticsStore.PURGE_SIGNALS, beginning,
                Timestamp.from(CUTOFF), 10_000);
        QueryPlan hours = QueryPlan.of(jdbc.getDataSource(), JdbcDeliveryStatisticsStore.PURGE_HOURS, beginning,
                Timestamp.from(CUTOFF), 10_000);

        assertThat(signals.scansATable()).as("%s", signals).isFalse();
        assertThat(signals.indexes()).as("%s", signals).containsExactly("provider_signal_bucket");
        assertThat(hours.scansATable()).as("%s", hours).isFalse();
        assertThat(hours.indexes()).as("%s", hours).containsExactly("delivery_hour_age");
    }

    private static StatisticsRetention retention(int chunkRows, int maxChunksPerRun) {
        return new StatisticsRetention(store, new RetentionSettings(RETENTION, RETENTION, chunkRows, maxChunksPerRun),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void signal(SendingIp ip, String code, Instant at, SignalSource source) {
        store.addSignal(TENANT, ip, Provider.YAHOO, code, at, 1, source);
    }

    private static void report(SendingIp ip, Instant windowStart, long delivered) {
        store.add(TENANT, new DeliveryReport(ip, VirtualMtaName.forIp(ip), Provider.GMAIL, windowStart,
                windowStart.plusSeconds(300), delivered, 0, 0, 0, 0, Map.of()));
    }

    private static List<String> columnsOf(String index) {
        return jdbc.queryForList("""
                SELECT a.attname FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indexrelid = ?::regclass
                ORDER BY k.position""", String.class, index);
    }
}

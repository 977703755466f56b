package io.emailengine.warmup.bench;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.WarmupTick;
import io.emailengine.warmup.application.WarmupEngine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One warmup tick over N IPs × 4 providers (default 1,000), against the real service wiring, a real
 * PostgreSQL and a real Kafka (test-support). Statistics are realistic: a day of 5-minute delivery
 * windows per IP × provider (288 rows each, 1.15 M rows for 1,000 IPs, rolled up
 * into 24 hourly rows as the service does), 80% healthy, 10% short,
 * 5% bouncing, 5% complaining, 1% with a Yahoo TSS04 signal in the last hour.
 *
 * <p>Two figures: the worst case, a tick at the day boundary of every IP (every IP × provider
 * decides, every IP publishes QuotaChanged + PmtaConfigRequested, back-offs raise alerts), and a
 * mid-day tick (nothing to decide). "Evaluated and published" = the tick's transaction committed
 * with every event in the outbox; the Kafka relay time after commit is printed separately.
 *
 * <p>Run (from the repository root; arguments: IPs, rounds):
 * <pre>
 * ./mvnw -B -o -q -pl warmup-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test \
 *   &amp;&amp; cd warmup-service &amp;&amp; java -cp target/classes:target/test-classes:$(cat target/bench.classpath) \
 *     io.emailengine.warmup.bench.TickBenchmark 1000 5
 * </pre>
 */
public final class TickBenchmark {

    private static final String[] PROVIDERS = {"gmail", "microsoft", "yahoo", "other"};
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private TickBenchmark() {
    }

    public static void main(String[] args) {
        int ips = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ConfigurableApplicationContext context = BenchmarkService.start("tick-benchmark", "logging.level.io.emailengine.warmup.application.WarmupEngine=INFO")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            WarmupEngine engine = context.getBean(WarmupEngine.class);
            Clock clock = context.getBean(Clock.class);
            Instant dayEnd = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);

            long seedStart = System.nanoTime();
            seed(jdbc, ips, dayEnd);
            System.out.printf(Locale.ROOT, "seeded %,d IPs × %d providers, a day of 5-minute reports in %,d hourly rows in %.1f s%n",
                    ips, PROVIDERS.length, jdbc.queryForObject("SELECT count(*) FROM delivery_hour", Long.class),
                    (System.nanoTime() - seedStart) / 1e9);

            List<Double> boundary = new ArrayList<>();
            List<Double> midDay = new ArrayList<>();
            List<Double> cpuTimes = new ArrayList<>();
            WarmupEngine.TickOutcome outcome = null;
            for (int round = -1; round < rounds; round++) {
                reset(jdbc, dayEnd);
                long start = System.nanoTime();
                long cpuStart = CPU.getCurrentThreadCpuTime();
                outcome = tx.execute(status -> engine.onTick(tick(dayEnd, clock)));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                long relayStart = System.nanoTime();
                awaitRelayed(jdbc);
                double relay = (System.nanoTime() - relayStart) / 1e9;
                long midStart = System.nanoTime();
                tx.execute(status -> engine.onTick(tick(dayEnd.plus(Duration.ofMinutes(30)), clock)));
                double mid = (System.nanoTime() - midStart) / 1e9;
                if (round >= 0) {
                    boundary.add(seconds);
                    midDay.add(mid);
                    cpuTimes.add(cpu);
                    System.out.printf(Locale.ROOT, "round %d: day-boundary tick %.3f s wall, %.3f s service-thread CPU (%d IPs,"
                            + " %d decisions, %d IPs published; Kafka relay after commit %.3f s), mid-day tick %.3f s%n", round + 1,
                            seconds, cpu,
                            outcome.ipsEvaluated(), outcome.decisions(), outcome.ipsPublished(), relay, mid);
                }
            }
            Collections.sort(boundary);
            Collections.sort(midDay);
            Collections.sort(cpuTimes);
            System.out.printf(Locale.ROOT, "RESULT one tick over %,d IPs × %d providers evaluated and published: median %.3f s,"
                    + " max %.3f s (day boundary, every IP decides; service-thread CPU median %.3f s); mid-day tick median"
                    + " %.3f s; %d cores, load average %.1f%n", ips,
                    PROVIDERS.length, boundary.get(boundary.size() / 2), boundary.get(boundary.size() - 1),
                    cpuTimes.get(cpuTimes.size() / 2),
                    midDay.get(midDay.size() / 2), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    private static EventEnvelope<WarmupTick> tick(Instant at, Clock clock) {
        return EventEnvelope.of(new WarmupTick(UUID.randomUUID(), at, Duration.ofHours(1)), null, "bench", clock);
    }

    /** Generated in SQL: a million rows through JDBC batches would take longer than the benchmark itself. */
    private static void seed(JdbcTemplate jdbc, int ips, Instant dayEnd) {
        Timestamp end = Timestamp.from(dayEnd);
        jdbc.update("""
                INSERT INTO sending_ip (ip, tenant_id, helo_hostname, sending_domain, dkim_selector, host_id, vmta, pool,
                       sending_hours, status, warmup_status, plan_name, created_at, updated_at)
                SELECT '10.' || (n / 65536) || '.' || (n / 256 % 256) || '.' || (n % 256), 'tenant-' || (n % 10),
                       'mta' || n || '.example.com', 'example.com', 's1', 'pmta-' || (n % 20),
                       'v10-' || (n / 65536) || '-' || (n / 256 % 256) || '-' || (n % 256), 'warmup', 24, 'ACTIVE', 'WARMING',
                       'standard-42-days', ?, ?
                FROM generate_series(1, ?) AS n""", end, end, ips);
        jdbc.update("""
                INSERT INTO warmup_state (ip, provider, tenant_id, phase, stage, warmup_day, daily_quota, day_started_at,
                       paused_until, pause_reason, recovery_days_left, alerting, last_active_at, updated_at)
                SELECT i.ip, p.provider, i.tenant_id, 'WARMING', 10, 10, 2000, ?::timestamptz - interval '1 day', NULL, NULL, 0, false, ?, ?
                FROM sending_ip i CROSS JOIN unnest(?::text[]) AS p(provider)""", end, end, end, PROVIDERS);
        // Health mix by IP number: 0-79 healthy, 80-89 short, 90-94 bouncing, 95-99 complaining. A day of 5-minute
        // reports, added up per hour as the service does.
        jdbc.update("""
                INSERT INTO delivery_hour (tenant_id, ip, provider, hour_start, delivered, hard_bounces, soft_bounces,
                       deferrals, complaints)
                SELECT tenant_id, ip, provider, date_trunc('hour', w), SUM(delivered), SUM(hard_bounces),
                       SUM(soft_bounces), SUM(deferrals), SUM(complaints)
                FROM (SELECT s.tenant_id, s.ip, s.provider, w,
                             CASE WHEN h < 80 THEN 8 WHEN h < 90 THEN 4 ELSE 8 END AS delivered,
                             CASE WHEN h BETWEEN 90 AND 94 THEN 1 ELSE 0 END AS hard_bounces,
                             CASE WHEN h % 3 = 0 THEN 1 ELSE 0 END AS soft_bounces,
                             CASE WHEN h % 7 = 0 THEN 1 ELSE 0 END AS deferrals,
                             CASE WHEN h >= 95 AND extract(minute FROM w) = 0 THEN 1 ELSE 0 END AS complaints
                      FROM (SELECT ip, provider, tenant_id, abs(hashtext(ip)) % 100 AS h FROM warmup_state) s
                      CROSS JOIN generate_series(?::timestamptz - interval '1 day', ?::timestamptz - interval '5 minutes',
                                                 interval '5 minutes') AS w) reports
                GROUP BY 1, 2, 3, 4""", end, end);
        jdbc.update("""
                INSERT INTO provider_signal (tenant_id, ip, provider, signal_code, source, bucket_start, count)
                SELECT tenant_id, ip, provider, 'yahoo-tss04', 'BOUNCE', ?::timestamptz - interval '10 minutes', 3
                FROM warmup_state WHERE provider = 'yahoo' AND abs(hashtext(ip)) % 100 = 42""", end);
        jdbc.execute("ANALYZE");
    }

    /** Puts every IP back at the day boundary, so each round is the same worst case. */
    private static void reset(JdbcTemplate jdbc, Instant dayEnd) {
        Timestamp end = Timestamp.from(dayEnd);
        jdbc.update("UPDATE sending_ip SET last_tick_at = NULL");
        jdbc.update("""
                UPDATE warmup_state SET phase = 'WARMING', stage = 10, warmup_day = 10, daily_quota = 2000,
                       day_started_at = ?::timestamptz - interval '1 day', paused_until = NULL, pause_reason = NULL, recovery_days_left = 0,
                       alerting = false, signals_handled = '{}'""", end);
        jdbc.update("DELETE FROM decision_log");
        // An hour passes between two ticks in production and autovacuum cleans up in between; without
        // this the benchmark would also measure the dead rows its own reset just made.
        jdbc.execute("VACUUM ANALYZE sending_ip, warmup_state, decision_log, outbox_event");
    }

    private static void awaitRelayed(JdbcTemplate jdbc) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE published_at IS NULL", Long.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("outbox not relayed within 2 minutes");
            }
            try {
                Thread.sleep(10); // polling a benchmark's progress, not synchronising a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

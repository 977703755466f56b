package io.emailengine.warmup.bench;

import io.emailengine.events.BounceKind;
import io.emailengine.events.BounceReceived;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.QuotaChanged;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Latency of the immediate reaction to a provider block signal, through the real service wiring, a real
 * PostgreSQL and a real Kafka (test-support): from a {@code BounceReceived} with a Yahoo TSS04 signal sent to
 * Kafka until both the {@code PmtaConfigRequested} with yahoo paused and the {@code QuotaChanged} without
 * yahoo volume are on Kafka (consumed, transaction, outbox, relay). This is warmup-service's share of the
 * project's budget (accounting record → PowerMTA reload and MailWizz quota write, p99 ≤ 2 s beyond
 * pmta-config-service's debounce).
 *
 * <p>N warming IPs × 4 providers (default 1,000); one signal per IP, sent open-loop every {@code interval}
 * ms; then a burst of 40 TSS04 records for one more IP, which must give exactly one PmtaConfigRequested.
 *
 * <p>Run (from the repository root; arguments: IPs, signals, interval ms):
 * <pre>
 * ./mvnw -B -o -q -pl warmup-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test \
 *   &amp;&amp; cd warmup-service &amp;&amp; java -cp target/classes:target/test-classes:$(cat target/bench.classpath) \
 *     io.emailengine.warmup.bench.SignalReactionBenchmark 1000 300 50
 * </pre>
 */
public final class SignalReactionBenchmark {

    private static final String[] PROVIDERS = {"gmail", "microsoft", "yahoo", "other"};

    private SignalReactionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args);
            status = 0;
        } finally {
            // the shared test servers keep non-daemon threads: without this a failed start would hang
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int ips = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int signals = Math.min(ips - 1, args.length > 1 ? Integer.parseInt(args[1]) : 300);
        long intervalMs = args.length > 2 ? Long.parseLong(args[2]) : 50;
        try (ConfigurableApplicationContext context = BenchmarkService.start("signal-benchmark")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            EventJson json = context.getBean(EventJson.class);
            Clock clock = context.getBean(Clock.class);
            seed(jdbc, ips, clock.instant());
            String bootstrap = TestKafka.get().bootstrapServers();

            Map<String, Long> sent = new ConcurrentHashMap<>();
            Map<String, Long> pmtaAt = new ConcurrentHashMap<>();
            Map<String, Long> quotaAt = new ConcurrentHashMap<>();
            AtomicInteger burstPmta = new AtomicInteger();
            String burstIp = ip(ips);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = new Thread(() -> read(bootstrap, json, running, pmtaAt, quotaAt, burstIp, burstPmta), "reader");
            reader.start();

            try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                warmUp(producer, json, clock, jdbc);
                long next = System.nanoTime();
                for (int n = 1; n <= signals; n++) {
                    String ip = ip(n);
                    EventEnvelope<BounceReceived> event = tss04(ip, n, clock);
                    byte[] body = json.write(event).getBytes(StandardCharsets.UTF_8);
                    sent.put(ip, System.nanoTime());
                    producer.send(new ProducerRecord<>(EventType.BOUNCE_RECEIVED.topic(), event.key(), body));
                    next += intervalMs * 1_000_000;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // open-loop pacing, not synchronisation
                    }
                }
                for (int i = 0; i < 40; i++) {
                    EventEnvelope<BounceReceived> event = tss04(burstIp, ips, clock);
                    producer.send(new ProducerRecord<>(EventType.BOUNCE_RECEIVED.topic(), event.key(),
                            json.write(event).getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while ((pmtaAt.size() < signals || quotaAt.size() < signals
                    || jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = 'warmup.bounce-received'",
                    Long.class) < signals + 41 || jdbc.queryForObject(
                    "SELECT count(*) FROM outbox_event WHERE published_at IS NULL", Long.class) > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling a benchmark's progress, not synchronising a test
            }
            Thread.sleep(1_000); // let a (wrong) second reaction of the burst reach the reader too
            running.set(false);
            reader.join();

            List<Double> latencies = new ArrayList<>();
            sent.forEach((ip, at) -> {
                Long pmta = pmtaAt.get(ip);
                Long quota = quotaAt.get(ip);
                if (pmta != null && quota != null) {
                    latencies.add((Math.max(pmta, quota) - at) / 1e6);
                }
            });
            Collections.sort(latencies);
            long firstSent = sent.values().stream().mapToLong(Long::longValue).min().orElse(0);
            long lastDone = sent.keySet().stream().filter(pmtaAt::containsKey).filter(quotaAt::containsKey)
                    .mapToLong(ip -> Math.max(pmtaAt.get(ip), quotaAt.get(ip))).max().orElse(firstSent);
            double throughput = latencies.size() / Math.max(1e-9, (lastDone - firstSent) / 1e9);
            long decisions = jdbc.queryForObject("SELECT count(*) FROM decision_log WHERE cause LIKE 'signal:%'", Long.class);
            System.out.printf(Locale.ROOT, "RESULT block signal → PmtaConfigRequested + QuotaChanged on Kafka, %d of %d signals"
                            + " (%,d warming IPs × %d providers, one signal every %d ms): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
                            + " max %.0f ms; %.0f reactions/s end to end; burst of 40 records for one IP → %d PmtaConfigRequested;"
                            + " %d signal decisions;"
                            + " %d cores, load average %.1f%n",
                    latencies.size(), signals, ips, PROVIDERS.length, intervalMs, pct(latencies, 0.50), pct(latencies, 0.95),
                    pct(latencies, 0.99), latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1),
                    throughput, burstPmta.get(), decisions, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** A few signals for IPs outside the measured set, so JIT and connection pools are warm before measuring. */
    private static void warmUp(KafkaProducer<String, byte[]> producer, EventJson json, Clock clock, JdbcTemplate jdbc)
            throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            EventEnvelope<BounceReceived> event = tss04("10.200.0." + (i + 1), i, clock);
            producer.send(new ProducerRecord<>(EventType.BOUNCE_RECEIVED.topic(), event.key(),
                    json.write(event).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = 'warmup.bounce-received'",
                Long.class) < 20 && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a benchmark's progress, not synchronising a test
        }
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void read(String bootstrap, EventJson json, AtomicBoolean running, Map<String, Long> pmtaAt,
                             Map<String, Long> quotaAt, String burstIp, AtomicInteger burstPmta) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(EventType.PMTA_CONFIG_REQUESTED.topic(), EventType.QUOTA_CHANGED.topic()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String text = new String(record.value(), StandardCharsets.UTF_8);
                    if (record.topic().equals(EventType.PMTA_CONFIG_REQUESTED.topic())) {
                        PmtaConfigRequested pmta = json.read(text, PmtaConfigRequested.class).payload();
                        String ip = pmta.vmta().ip().value();
                        if (pmta.pausedProviders().contains(Provider.YAHOO)) {
                            pmtaAt.putIfAbsent(ip, now);
                            if (ip.equals(burstIp)) {
                                burstPmta.incrementAndGet();
                            }
                        }
                    } else {
                        QuotaChanged quota = json.read(text, QuotaChanged.class).payload();
                        if (quota.providers().get(Provider.YAHOO).daily() == 0) {
                            quotaAt.putIfAbsent(quota.ip().value(), now);
                        }
                    }
                }
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props);
    }

    private static EventEnvelope<BounceReceived> tss04(String ip, int n, Clock clock) {
        BounceReceived bounce = new BounceReceived(BounceKind.BLOCK, Provider.YAHOO, SendingIp.of(ip), null,
                "someone" + n + "@yahoo.com", "4.7.0", "421 4.7.0 [TSS04] Messages from " + ip + " temporarily deferred", null,
                "yahoo-tss04", null, null, "t", clock.instant());
        return EventEnvelope.of(bounce, new TenantId(tenant(n)), "bounce-ingest-service", clock);
    }

    private static String ip(int n) {
        return "10." + (n / 65536) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    private static String tenant(int n) {
        return "tenant-" + (n % 10);
    }

    /** Warming IPs (the warm-up ones too) with every provider at stage 10, and an hour of background signals. */
    private static void seed(JdbcTemplate jdbc, int ips, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.update("""
                INSERT INTO sending_ip (ip, tenant_id, helo_hostname, sending_domain, dkim_selector, host_id, vmta, pool,
                       sending_hours, status, warmup_status, plan_name, created_at, updated_at)
                SELECT '10.' || (n / 65536) || '.' || (n / 256 % 256) || '.' || (n % 256), 'tenant-' || (n % 10),
                       'mta' || n || '.example.com', 'example.com', 's1', 'pmta-' || (n % 20),
                       'v10-' || (n / 65536) || '-' || (n / 256 % 256) || '-' || (n % 256), 'warmup', 24, 'ACTIVE', 'WARMING',
                       'standard-42-days', ?, ?
                FROM generate_series(1, ?) AS n""", at, at, ips);
        jdbc.update("""
                INSERT INTO sending_ip (ip, tenant_id, helo_hostname, sending_domain, dkim_selector, host_id, vmta, pool,
                       sending_hours, status, warmup_status, plan_name, created_at, updated_at)
                SELECT '10.200.0.' || n, 'tenant-' || ((n - 1) % 10), 'warm' || n || '.example.com', 'example.com', 's1',
                       'pmta-1', 'v10-200-0-' || n, 'warmup', 24, 'ACTIVE', 'WARMING', 'standard-42-days', ?, ?
                FROM generate_series(1, 20) AS n""", at, at);
        jdbc.update("""
                INSERT INTO warmup_state (ip, provider, tenant_id, phase, stage, warmup_day, daily_quota, day_started_at,
                       paused_until, pause_reason, recovery_days_left, alerting, last_active_at, updated_at)
                SELECT i.ip, p.provider, i.tenant_id, 'WARMING', 10, 10, 2000, ?, NULL, NULL, 0, false, ?, ?
                FROM sending_ip i CROSS JOIN unnest(?::text[]) AS p(provider)""", at, at, at, PROVIDERS);
        // Background: every IP × provider has had a few deferral signals per minute of the last hour that no rule reacts to.
        jdbc.update("""
                INSERT INTO provider_signal (tenant_id, ip, provider, signal_code, source, bucket_start, count)
                SELECT s.tenant_id, s.ip, s.provider, 'rate-limited', src, m, 3
                FROM warmup_state s
                CROSS JOIN unnest(ARRAY['BOUNCE', 'REPORT']) AS src
                CROSS JOIN generate_series(date_trunc('minute', ?::timestamptz) - interval '59 minutes',
                                           date_trunc('minute', ?::timestamptz), interval '1 minute') AS m""", at, at);
        jdbc.execute("ANALYZE");
    }
}

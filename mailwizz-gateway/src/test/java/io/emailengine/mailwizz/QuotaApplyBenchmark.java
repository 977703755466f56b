package io.emailengine.mailwizz;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.ProviderQuota;
import io.emailengine.events.QuotaChanged;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.testsupport.TestDatabase;
import io.emailengine.testsupport.TestKafka;
import io.emailengine.testsupport.TestMariaDb;
import io.emailengine.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Issue 6 figure: 1,000 {@code QuotaChanged} events, from Kafka to MailWizz's delivery_server table
 * (real Kafka, PostgreSQL and MariaDB; each of the 1,000 IPs mapped to its own delivery server), must be
 * applied in at most 5 s. Prints the figures. Run:
 * <pre>
 * ./mvnw -B -o -q -pl mailwizz-gateway test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.emailengine.mailwizz.QuotaApplyBenchmark
 * </pre>
 */
public final class QuotaApplyBenchmark {

    private static final int EVENTS = 1000;

    private QuotaApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = TestKafka.get().bootstrapServers();
        TestDatabase postgres = TestPostgres.get().createDatabase("quota-bench");
        TestDatabase mariadb = TestMariaDb.get().createDatabase("quota-bench-mw");
        MailwizzDatabaseFixture table = new MailwizzDatabaseFixture(mariadb);
        table.createTable();
        for (int i = 1; i <= EVENTS; i++) {
            table.insertServer(i, "vmta-" + i, "pmta.example.com", 1, 1, null);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MailwizzGatewayApplication.class).properties(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.kafka.bootstrap-servers", bootstrap),
                Map.entry("email-engine.kafka.bootstrap-servers", bootstrap),
                Map.entry("spring.kafka.consumer.group-id", "quota-bench-" + UUID.randomUUID()),
                Map.entry("email-engine.database.url", postgres.jdbcUrl()),
                Map.entry("email-engine.database.username", postgres.username()),
                Map.entry("email-engine.database.password", postgres.password() == null ? "" : postgres.password()),
                Map.entry("spring.datasource.url", postgres.jdbcUrl()),
                Map.entry("spring.datasource.username", postgres.username()),
                Map.entry("spring.datasource.password", postgres.password() == null ? "" : postgres.password()),
                Map.entry("email-engine.mailwizz.tenants.bench.base-url", "http://127.0.0.1:9/api/index.php"),
                Map.entry("email-engine.mailwizz.tenants.bench.public-key", "unused"),
                Map.entry("email-engine.mailwizz.tenants.bench.jdbc-url", mariadb.jdbcUrl()),
                Map.entry("email-engine.mailwizz.tenants.bench.jdbc-username", mariadb.username()),
                Map.entry("email-engine.mailwizz.tenants.bench.jdbc-password", mariadb.password() == null ? "" : mariadb.password()),
                Map.entry("email-engine.mailwizz.quotas.apply-interval", "50ms"),
                Map.entry("logging.level.root", "WARN"))).run();
        try {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            EventJson json = context.getBean(EventJson.class);
            List<Object[]> mappings = new ArrayList<>();
            for (int i = 1; i <= EVENTS; i++) {
                mappings.add(new Object[] {"bench", ip(i), (long) i, "configured", Timestamp.from(Instant.now())});
            }
            jdbc.batchUpdate("INSERT INTO delivery_server_mapping (tenant_id, subject, server_id, source, mapped_at) VALUES (?, ?, ?, ?, ?)",
                    mappings);
            List<String[]> events = new ArrayList<>();
            for (int i = 1; i <= EVENTS; i++) {
                SendingIp ip = SendingIp.of(ip(i));
                QuotaChanged change = new QuotaChanged(ip, VirtualMtaName.forIp(ip), Map.of(Provider.GMAIL, new ProviderQuota(2400, 100)),
                        2400 + i, 100 + i, 1, 1, "benchmark", UUID.randomUUID());
                EventEnvelope<QuotaChanged> event = EventEnvelope.of(change, TenantId.of("bench"), "warmup-service", Clock.systemUTC());
                events.add(new String[] {event.key(), json.write(event)});
            }
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, byte[]> producer = context.getBean(KafkaTemplate.class);
            // warm-up: one event per partition through the whole path, so every consumer has its partition before timing
            int partitions = 3;
            for (int p = 0; p < partitions; p++) {
                String warmIp = "10.99.0." + (p + 1);
                table.insertServer(EVENTS + 1 + p, "vmta-warmup-" + p, "pmta.example.com", 1, 1, null);
                jdbc.update("INSERT INTO delivery_server_mapping (tenant_id, subject, server_id, source, mapped_at) VALUES (?, ?, ?, ?, ?)",
                        "bench", warmIp, EVENTS + 1L + p, "configured", Timestamp.from(Instant.now()));
                SendingIp warmupIp = SendingIp.of(warmIp);
                producer.send(EventType.QUOTA_CHANGED.topic(), p, warmIp, json.write(EventEnvelope.of(new QuotaChanged(warmupIp,
                        VirtualMtaName.forIp(warmupIp), Map.of(), 10, 1, 1, 1, "warm-up", UUID.randomUUID()), TenantId.of("bench"),
                        "warmup-service", Clock.systemUTC())).getBytes(StandardCharsets.UTF_8));
            }
            long joinStart = System.nanoTime();
            awaitCount(jdbc, "SELECT count(*) FROM desired_quota WHERE apply_state = 'applied'", partitions);
            long joined = System.nanoTime();

            // 1. end to end: 1,000 events produced now, consumed, stored, applied
            long start = System.nanoTime();
            for (String[] event : events) {
                producer.send(EventType.QUOTA_CHANGED.topic(), event[0], event[1].getBytes(StandardCharsets.UTF_8));
            }
            producer.flush();
            long sent = System.nanoTime();
            long storedAt = awaitCount(jdbc, "SELECT count(*) FROM desired_quota", EVENTS + partitions);
            long appliedAt = awaitCount(jdbc, "SELECT count(*) FROM desired_quota WHERE apply_state = 'applied'", EVENTS + partitions);
            long correct = countCorrect(table, 0);
            System.out.printf("QuotaApplyBenchmark: %d QuotaChanged -> MailWizz delivery_server (real Kafka, PostgreSQL, MariaDB)%n",
                    EVENTS);
            System.out.printf("  (warm-up: consumer group join + first event %d ms, not counted)%n", (joined - joinStart) / 1_000_000);
            System.out.printf("  produced to Kafka                        %6d ms%n", (sent - start) / 1_000_000);
            System.out.printf("  consumed + stored as desired             %6d ms%n", (storedAt - start) / 1_000_000);
            System.out.printf("  applied in MariaDB (end to end)          %6d ms  (%d rows hold the desired quotas) -> target <= 5000 ms: %s%n",
                    (appliedAt - start) / 1_000_000, correct, correct == EVENTS && appliedAt - start <= 5_000_000_000L ? "MET" : "MISSED");

            // 2. the applier alone: 1,000 pending desired quotas (e.g. after a MailWizz database outage)
            jdbc.update("UPDATE desired_quota SET daily_quota = daily_quota + 1, hourly_quota = hourly_quota + 1, apply_state = 'pending'");
            long applyStart = System.nanoTime();
            long reapplied = awaitCount(jdbc, "SELECT count(*) FROM desired_quota WHERE apply_state = 'applied'", EVENTS + partitions);
            System.out.printf("  applier alone: 1,000 pending applied     %6d ms  (%d rows hold the desired quotas), %.0f writes/s%n",
                    (reapplied - applyStart) / 1_000_000, countCorrect(table, 1), EVENTS * 1e9 / (reapplied - applyStart));
        } finally {
            SpringApplication.exit(context);
        }
        System.exit(0);
    }

    private static long countCorrect(MailwizzDatabaseFixture table, long offset) {
        return table.snapshot().values().stream()
                .filter(row -> (Long) row.get("server_id") <= EVENTS)
                .filter(row -> (Long) row.get("daily_quota") == 2400 + offset + (Long) row.get("server_id")
                        && (Long) row.get("hourly_quota") == 100 + offset + (Long) row.get("server_id"))
                .count();
    }

    /** Polls (a benchmark harness, not a test) until the count reaches all events; returns System.nanoTime() then. */
    private static long awaitCount(JdbcTemplate jdbc, String sql, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Long count = jdbc.queryForObject(sql, Long.class);
            if (count != null && count >= expected) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("timed out: " + sql);
    }

    private static String ip(int i) {
        return "10.20." + (i / 250) + "." + (i % 250 + 1);
    }
}

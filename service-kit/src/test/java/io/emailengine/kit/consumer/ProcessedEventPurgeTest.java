package io.emailengine.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.jdbc.ChunkedPurge;
import io.emailengine.kit.testapp.KitDatabases;
import io.emailengine.testsupport.QueryPlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The hourly purge of idempotency records, on a real PostgreSQL with the kit's schema. */
class ProcessedEventPurgeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(45);
    private static final Instant CUTOFF = NOW.minus(RETENTION);

    private final JdbcTemplate jdbc = KitDatabases.migrated("processed-event-purge");

    @Test
    void purgeDeletesRecordsPastTheRetentionInBoundedChunksAndKeepsNewerOnes() {
        KitDatabases.recordDeletesPerTransaction(jdbc, "processed_event");
        insertProcessed("warmup.bounce-received", 15_000, CUTOFF.minusNanos(1000), Duration.ofSeconds(1));
        insertProcessed("mailwizz.bounce-received", 10_000, CUTOFF.minusNanos(1000), Duration.ofSeconds(2));
        insertProcessed("warmup.bounce-received", 1, CUTOFF, Duration.ZERO);
        insertProcessed("mailwizz.bounce-received", 1_000, NOW, Duration.ofMinutes(1));

        int purged = consumer().purgeExpired();

        assertThat(purged).isEqualTo(25_000);
        assertThat(count("processed_at < ?", Timestamp.from(CUTOFF))).isZero();
        assertThat(count("processed_at >= ?", Timestamp.from(CUTOFF))).as("within the retention").isEqualTo(1_001);
        assertThat(KitDatabases.deletesPerTransaction(jdbc, "processed_event"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(deleted -> assertThat(deleted).isLessThanOrEqualTo(ChunkedPurge.CHUNK_ROWS));
    }

    @Test
    void purgeStatementIsServedByAnIndexNotATableScan() {
        // A retention and an hour of records, as an hourly purge finds them.
        insertProcessed("warmup.bounce-received", 50_000, NOW, RETENTION.plusHours(1).dividedBy(50_000));
        jdbc.execute("ANALYZE processed_event");

        QueryPlan plan = QueryPlan.of(jdbc.getDataSource(), IdempotentConsumer.PURGE_STATEMENT,
                new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY), Timestamp.from(CUTOFF), ChunkedPurge.CHUNK_ROWS);

        assertThat(plan.scansATable()).as("%s", plan).isFalse();
        assertThat(plan.indexes()).as("%s", plan).contains("processed_event_age");
    }

    private IdempotentConsumer consumer() {
        return new IdempotentConsumer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())),
                Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry(), new EmailEngineProperties.Idempotency(RETENTION));
    }

    /** {@code count} events of the consumer processed at {@code newest} and every {@code spacing} before it. */
    private void insertProcessed(String consumer, int count, Instant newest, Duration spacing) {
        jdbc.update("""
                INSERT INTO processed_event (consumer, event_id, processed_at)
                SELECT ?, gen_random_uuid(), ?::timestamptz - i * (? * interval '1 microsecond')
                FROM generate_series(0, ? - 1) i""", consumer, Timestamp.from(newest), spacing.toNanos() / 1000, count);
    }

    private long count(String condition, Object... args) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE " + condition, Long.class, args);
    }
}

package io.emailengine.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The hourly purge of relayed outbox events, on a real PostgreSQL with the kit's schema. */
class OutboxPurgeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Instant CUTOFF = NOW.minus(RETENTION);

    private final JdbcTemplate jdbc = KitDatabases.migrated("outbox-purge");

    @Test
    void purgeDeletesRelayedEventsPastTheRetentionInBoundedChunksAndKeepsNewerAndPendingOnes() {
        KitDatabases.recordDeletesPerTransaction(jdbc, "outbox_event");
        insertRelayed(25_000, CUTOFF.minusNanos(1000), Duration.ofSeconds(1));
        insertRelayed(1, CUTOFF, Duration.ZERO);
        insertRelayed(1_000, NOW, Duration.ofMinutes(1));
        insertPending(100, NOW.minus(Duration.ofDays(30)));

        int purged = relay().purgePublished();

        assertThat(purged).isEqualTo(25_000);
        assertThat(count("published_at < ?", Timestamp.from(CUTOFF))).isZero();
        assertThat(count("published_at >= ?", Timestamp.from(CUTOFF))).as("relayed within the retention").isEqualTo(1_001);
        assertThat(count("published_at IS NULL")).as("pending, however old").isEqualTo(100);
        assertThat(KitDatabases.deletesPerTransaction(jdbc, "outbox_event"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(deleted -> assertThat(deleted).isLessThanOrEqualTo(ChunkedPurge.CHUNK_ROWS));
    }

    @Test
    void purgeStatementIsServedByAnIndexNotATableScan() {
        // A week and an hour of relayed events, as an hourly purge finds them, and a few pending ones.
        insertRelayed(50_000, NOW, RETENTION.plusHours(1).dividedBy(50_000));
        insertPending(1_000, NOW.minus(Duration.ofDays(1)));

        assertPurgeReadsThroughIndex(OutboxRelay.PURGE_STATEMENT, "outbox_event", "outbox_event_published");
    }

    @Test
    void purgeDeletesRelayedRowsOfManyEventsPastTheRetentionAndKeepsNewerAndPendingOnes() {
        jdbc.update("""
                INSERT INTO outbox_event_batch (events, event_count, created_at, published_at)
                VALUES ('\\x01', 300, ?, ?), ('\\x01', 300, ?, ?), ('\\x01', 300, ?, NULL)""",
                Timestamp.from(CUTOFF.minus(Duration.ofDays(1))), Timestamp.from(CUTOFF.minusSeconds(1)),
                Timestamp.from(NOW), Timestamp.from(NOW), Timestamp.from(NOW.minus(Duration.ofDays(30))));
        insertRelayed(10, CUTOFF.minusSeconds(5), Duration.ofSeconds(1));

        int purged = relay().purgePublished();

        assertThat(purged).as("rows of both tables").isEqualTo(11);
        assertThat(jdbc.queryForList("SELECT published_at IS NULL FROM outbox_event_batch ORDER BY id", Boolean.class))
                .as("the one relayed within the retention, the pending one").containsExactly(false, true);
    }

    @Test
    void purgeOfRowsOfManyEventsIsServedByAnIndexNotATableScan() {
        jdbc.update("""
                INSERT INTO outbox_event_batch (events, event_count, created_at, published_at)
                SELECT '\\x01', 250, at, at
                FROM (SELECT ?::timestamptz - i * interval '1 minute' AS at FROM generate_series(0, 20000) i) rows
                """, Timestamp.from(NOW));

        assertPurgeReadsThroughIndex(OutboxRelay.PURGE_BATCHES_STATEMENT, "outbox_event_batch", "outbox_event_batch_published");
    }

    private void assertPurgeReadsThroughIndex(String purge, String table, String index) {
        jdbc.execute("ANALYZE " + table);

        QueryPlan plan = QueryPlan.of(jdbc.getDataSource(), purge,
                new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY), Timestamp.from(CUTOFF), ChunkedPurge.CHUNK_ROWS);

        assertThat(plan.scansATable()).as("%s", plan).isFalse();
        assertThat(plan.indexes()).as("%s", plan).contains(index);
    }

    @Test
    void pendingRowsOfBothTablesAreReadThroughTheirPartialIndexes() {
        // A week of relayed events and rows of many events kept, as with a retention, and a few pending.
        insertRelayed(50_000, NOW, RETENTION.dividedBy(50_000));
        insertPending(100, NOW);
        jdbc.update("""
                INSERT INTO outbox_event_batch (events, event_count, created_at, published_at)
                SELECT '\\x01', 10, at, CASE WHEN i > 5 THEN at END
                FROM (SELECT i, ?::timestamptz - i * interval '1 minute' AS at FROM generate_series(0, 10000) i) rows""",
                Timestamp.from(NOW));
        jdbc.execute("ANALYZE outbox_event");
        jdbc.execute("ANALYZE outbox_event_batch");

        QueryPlan plan = QueryPlan.of(jdbc.getDataSource(), OutboxRelay.PENDING, 0L, 0L, 200);

        assertThat(plan.scansATable()).as("%s", plan).isFalse();
        assertThat(plan.indexes()).as("%s", plan).contains("outbox_event_unpublished", "outbox_event_batch_unpublished");
    }

    private OutboxRelay relay() {
        @SuppressWarnings("unchecked") // the purge sends nothing
        KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
        EmailEngineProperties.Outbox settings = new EmailEngineProperties.Outbox(true, Duration.ofMillis(250), 200,
                Duration.ofSeconds(10), RETENTION);
        return new OutboxRelay(jdbc, new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())),
                kafka, settings, Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    /** {@code count} events relayed at {@code newest} and every {@code spacing} before it. */
    private void insertRelayed(int count, Instant newest, Duration spacing) {
        jdbc.update("""
                INSERT INTO outbox_event (event_id, event_type, topic, message_key, payload, created_at, published_at)
                SELECT gen_random_uuid(), 'AlertRaised', 'email-engine.alert-raised.v1', 'key-' || i, '{}', at, at
                FROM (SELECT i, ?::timestamptz - i * (? * interval '1 microsecond') AS at FROM generate_series(0, ? - 1) i) events
                """, Timestamp.from(newest), spacing.toNanos() / 1000, count);
    }

    private void insertPending(int count, Instant createdAt) {
        jdbc.update("""
                INSERT INTO outbox_event (event_id, event_type, topic, message_key, payload, created_at)
                SELECT gen_random_uuid(), 'AlertRaised', 'email-engine.alert-raised.v1', 'key-' || i, '{}', ?
                FROM generate_series(1, ?) i""", Timestamp.from(createdAt), count);
    }

    private long count(String condition, Object... args) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE " + condition, Long.class, args);
    }
}

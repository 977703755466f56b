package io.emailengine.bounceingest.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.bounceingest.application.IngestChunk;
import io.emailengine.bounceingest.application.PendingWindow;
import io.emailengine.bounceingest.domain.Classification;
import io.emailengine.bounceingest.domain.MessageIds;
import io.emailengine.bounceingest.domain.Outcome;
import io.emailengine.bounceingest.domain.WindowCounts;
import io.emailengine.bounceingest.domain.WindowKey;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.testsupport.QueryPlan;
import io.emailengine.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingest tables in PostgreSQL: what the frequent and the periodic statements read of them,
 * whatever their size (their plans, on tables filled to a few weeks' worth), and the counter cells'
 * life cycle.
 */
@RealInfrastructure
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JdbcIngestStoreTest {

    private static final String LANES = "store-test-%|";

    @Autowired JdbcIngestStore store;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    @AfterEach
    void forgetTheTestRows() {
        jdbc.update("DELETE FROM ingest_chunk WHERE lane LIKE ?", LANES);
        jdbc.update("DELETE FROM unattributed_record WHERE source = 'store-test'");
        jdbc.update("DELETE FROM quarantined_line WHERE source LIKE 'store-test%'");
        jdbc.update("DELETE FROM delivery_counter WHERE tenant_id = 'store-test'");
    }

    @Test
    void aBatchReadsTheChunksOfItsLanesByIndexHoweverManyChunksAreRemembered() {
        // 20 lanes x 1,000 chunks (two weeks of a busy host), each chunk covering keys [n * 1000, n * 1000 + 999].
        jdbc.update("""
                INSERT INTO ingest_chunk (lane, first_key, last_key, record_keys, ingested_at)
                SELECT 'store-test-' || l || '|', key(n * 1000), key(n * 1000 + 999), '\\x00'::bytea, now()
                FROM generate_series(1, 20) l, generate_series(1, 1000) n
                ORDER BY n, l""".replace("key(n * 1000)", KEY_SQL.formatted("n * 1000"))
                .replace("key(n * 1000 + 999)", KEY_SQL.formatted("n * 1000 + 999")));
        jdbc.execute("ANALYZE ingest_chunk");
        String[] lanes = new String[20];
        UUID[] low = new UUID[20];
        UUID[] high = new UUID[20];
        for (int l = 0; l < 20; l++) {
            lanes[l] = "store-test-" + (l + 1) + "|";
            low[l] = key(1_001_000);
            high[l] = key(1_001_999);
        }

        QueryPlan plan = QueryPlan.of(jdbc.getDataSource(), JdbcIngestStore.REMEMBERED_KEYS, lanes, low, high);

        assertThat(plan.indexes()).as("one index probe per lane, never a scan of every chunk: %s", plan).contains("ingest_chunk_lane");
        assertThat(plan.scansATable()).as("%s", plan).isFalse();
    }

    @Test
    void aMessageIdSentTwiceIsAttributedToItsNewestSender() {
        long hash = MessageIds.hashOf("<twice.store-test@mail1.example.com>");
        store.remember(List.of(new IngestChunk("store-test-1|", new UUID[] {key(1)}, TenantId.of("store-test"),
                SendingIp.of("198.18.0.1"), null, new long[] {hash})), Instant.now());
        store.remember(List.of(new IngestChunk("store-test-2|", new UUID[] {key(2)}, TenantId.of("store-test"),
                SendingIp.of("198.18.0.2"), null, new long[] {hash})), Instant.now());

        assertThat(store.originsOf(List.of(hash, MessageIds.hashOf("<unknown.store-test@mail1.example.com>"))))
                .containsOnlyKeys(hash)
                .extractingByKey(hash).extracting(origin -> origin.ip().value()).isEqualTo("198.18.0.2");
    }

    @Test
    void aKeyIsNewUnlessAChunkOfItsOwnLaneHoldsIt() {
        String lane = "store-test-a|";
        String otherLane = "store-test-b|";
        UUID[] remembered = IngestChunk.sort(new UUID[] {key(10), key(20), key(30)});
        store.remember(List.of(new IngestChunk(lane, remembered, null, null, null, new long[0])), Instant.now());

        Set<UUID> known = store.claimRemembered(Map.of(lane, List.of(key(10), key(15), key(30), key(31)), otherLane, List.of(key(20))));

        assertThat(known).as("20 was remembered for another lane").containsExactlyInAnyOrder(key(10), key(30));
    }

    @Test
    void releasingTheRecordsKeptForAnIpOrVmtaReadsThemByIndex() {
        long batch = batch();
        // 20,000 records kept aside: half name an IP, half only a vmta.
        jdbc.update("""
                INSERT INTO unattributed_record (record_key, source, batch_id, line_no, record_type, outcome, ip, vmta,
                                                 provider, logged_at, reason, fields, received_at)
                SELECT gen_random_uuid(), 'store-test', ?, n, 'd', 'delivered',
                       CASE WHEN n % 2 = 0 THEN '198.18.' || (n / 256 % 256) || '.' || (n % 256) END,
                       'v-store-test-' || (n % 5000), 'gmail', now(), 'no tenant owns it', '{}', now()
                FROM generate_series(1, 20000) n""", batch);
        jdbc.execute("ANALYZE unattributed_record");

        QueryPlan plan = QueryPlan.of(jdbc.getDataSource(), JdbcIngestStore.TAKE_UNATTRIBUTED.replace("RETURNING line_no, fields", ""),
                "198.18.0.2", "v-store-test-7");

        assertThat(plan.indexes()).as("both sides of the OR by index: %s", plan)
                .contains("unattributed_record_ip", "unattributed_record_vmta");
        assertThat(plan.scansATable()).as("%s", plan).isFalse();
        assertThat(store.takeUnattributed("198.18.0.2", "v-store-test-7"))
                .as("the IP's record (n = 2) and those naming no IP but the vmta (n = 7, 5007, 10007, 15007)")
                .extracting(record -> record.line()).containsExactlyInAnyOrder(2L, 7L, 5007L, 10007L, 15007L);
    }

    @Test
    void forgettingKeysReadsOnlyTheOldChunksByIndex() {
        // 20,000 chunks, one a minute (two weeks).
        jdbc.update("""
                INSERT INTO ingest_chunk (lane, first_key, last_key, record_keys, ingested_at)
                SELECT 'store-test-' || (n % 20) || '|', gen_random_uuid(), gen_random_uuid(), '\\x00'::bytea,
                       now() - (20000 - n) * interval '1 minute'
                FROM generate_series(1, 20000) n""");
        jdbc.execute("ANALYZE ingest_chunk");

        // The oldest 3% (the chunks span 14 days): an hour's purge of a table holding the retention.
        QueryPlan keys = QueryPlan.of(jdbc.getDataSource(), JdbcIngestStore.FORGET_KEYS,
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(324))));

        assertThat(keys.indexes()).as("forgetting keys: the B-tree (a BRIN range widens as purged pages are reused): %s", keys)
                .containsExactly("ingest_chunk_ingested");
    }

    @Test
    void theQuarantineOfOneSourceIsReadByIndexEvenWithAGenericPlan() {
        long batch = batch();
        jdbc.update("""
                INSERT INTO quarantined_line (source, batch_id, line_no, reason, excerpt, received_at)
                SELECT 'store-test-' || (n % 100), ?, n, 'bad line', 'x', now() FROM generate_series(1, 20000) n""", batch);
        jdbc.execute("ANALYZE quarantined_line");

        for (boolean before : new boolean[] {false, true}) {
            String sql = JdbcQuarantineQuery.sql(true, before);
            // What the server does with a statement it keeps prepared: one plan for any parameters.
            QueryPlan plan = before
                    ? QueryPlan.generic(jdbc.getDataSource(), sql, "store-test-7", 10_000L, 50)
                    : QueryPlan.generic(jdbc.getDataSource(), sql, "store-test-7", 50);
            assertThat(plan.indexes()).as("%s: %s", sql, plan).containsExactly("quarantined_line_source");
        }
    }

    @Test
    void aReportedCellIsDeletedAndARecordArrivingLaterIsReportedAsADelta() {
        WindowKey cell = new WindowKey(TenantId.of("store-test"), SendingIp.of("198.18.1.1"), Provider.of("gmail"),
                Instant.parse("2026-11-02T10:00:00Z"));
        store.addCounts(Map.of(cell, delivered(5)), Map.of(), Duration.ofMinutes(5));
        assertThat(reportedDelivered(cell)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery_counter WHERE tenant_id = 'store-test'", Long.class))
                .as("a reported cell is not kept").isZero();

        store.addCounts(Map.of(cell, delivered(2)), Map.of(), Duration.ofMinutes(5));

        assertThat(reportedDelivered(cell)).as("only what came after the report").isEqualTo(2);
    }

    private long reportedDelivered(WindowKey cell) {
        return tx.execute(status -> {
            List<PendingWindow> windows = store.lockPendingWindows(Instant.parse("2026-11-02T11:00:00Z"), 10_000).stream()
                    .filter(w -> w.tenant().equals(cell.tenant())).toList();
            store.markReported(windows);
            assertThat(windows).hasSize(1);
            return windows.get(0).report().delivered();
        });
    }

    private static WindowCounts delivered(int n) {
        WindowCounts counts = new WindowCounts();
        for (int i = 0; i < n; i++) {
            counts.add(new Classification(Outcome.DELIVERED, null, false));
        }
        return counts;
    }

    private long batch() {
        return jdbc.queryForObject("""
                INSERT INTO ingest_batch (source, channel, started_at) VALUES ('store-test', 'test', now()) RETURNING id""",
                Long.class);
    }

    /** Keys in PostgreSQL's uuid order: the number in the last 12 hex digits. */
    private static final String KEY_SQL = "('00000000-0000-0000-0000-' || lpad(to_hex(%s), 12, '0'))::uuid";

    private static UUID key(long n) {
        return new UUID(0, n);
    }
}

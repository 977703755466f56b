package io.emailengine.bounceingest.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.bounceingest.adapter.out.MessageOriginMap.Run;
import io.emailengine.bounceingest.adapter.out.MessageOriginMap.Sender;
import io.emailengine.bounceingest.application.IngestChunk;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.testsupport.QueryPlan;
import io.emailengine.testsupport.TestPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Message-ID map on a database of its own (no scheduler merging behind the test's back): runs
 * written per batch, merged level by level, looked up, forgotten, and carried over from the chunks.
 */
class MessageOriginMapTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private final SplittableRandom random = new SplittableRandom(20261129);

    @Test
    void everyMessageIdIsFoundWithItsSenderAsRunsAreMergedLevelByLevel() {
        Database db = database("origin-levels", null);
        List<Sender> senders = List.of(new Sender("tenant-a", "198.18.0.1", "v1"), new Sender("tenant-a", "198.18.0.2", ""),
                new Sender("tenant-b", "198.18.0.3", "v3"));
        Map<Long, Sender> sent = new HashMap<>();
        // 80 batches of 3 lanes x 100 deliveries.
        for (int batch = 0; batch < 80; batch++) {
            List<IngestChunk> chunks = new ArrayList<>();
            for (Sender sender : senders) {
                long[] hashes = random.longs(100).toArray();
                for (long hash : hashes) {
                    sent.put(hash, sender);
                }
                chunks.add(chunk(sender, hashes));
            }
            db.tx.executeWithoutResult(status -> db.map.remember(chunks, NOW));
        }
        assertThat(levels(db.map)).as("before merging: one run per batch").isEqualTo(Map.of(0, 80L));

        long merged = db.map.compact(DAY);

        // 80 level-0 runs -> 10 of level 1 -> 1 of level 2 and 2 of level 1.
        assertThat(levels(db.map)).isEqualTo(Map.of(1, 2L, 2, 1L));
        assertThat(merged).as("each entry merged once into level 1, 64 of 80 batches' again into level 2")
                .isEqualTo(80 * 300 + 64 * 300);
        Map<Long, Sender> found = db.map.lookup(sent.keySet());
        assertThat(found).as("every hash, with its sender").isEqualTo(sent);
        assertThat(db.map.lookup(random.longs(1000).boxed().toList())).as("unknown hashes").isEmpty();
        double perRow = db.jdbc.queryForObject("SELECT avg(length(entries) / 12.0) FROM message_origin_bucket", Double.class);
        assertThat(perRow).as("entries per bucket row").isBetween(OriginEntries.ROW_ENTRIES / 2.0, OriginEntries.ROW_ENTRIES * 1.01);
    }

    @Test
    void onceMergesRewroteEnoughEntriesAVacuumFollowsSoTheSpaceTheirSourcesLeftIsReused() {
        long vacuumAfter = 60_000;
        Database db = database("origin-vacuum", null, vacuumAfter);
        Sender sender = new Sender("tenant-a", "198.18.0.1", "v1");
        // Two merges of 8 x 5,000 entries: 40,000 rewritten, then 80,000 — the second one reaches the threshold.
        for (int merge = 1; merge <= 2; merge++) {
            for (int batch = 0; batch < MessageOriginMap.FANOUT; batch++) {
                long[] hashes = random.longs(5_000).toArray();
                db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(sender, hashes)), NOW));
            }
            assertThat(db.map.compact(DAY)).isEqualTo(40_000);
            if (merge == 1) {
                // Statistics reach pg_stat_user_tables within half a second: not vacuumed for a second and a half.
                Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                        assertThat(lastVacuum(db)).as("vacuumed after 40,000 of %,d entries", vacuumAfter).isNull());
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lastVacuum(db)).as("vacuumed after 80,000 of %,d entries", vacuumAfter).isNotNull());
    }

    private static Timestamp lastVacuum(Database db) {
        return db.jdbc.queryForObject("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'message_origin_bucket'",
                Timestamp.class);
    }

    @Test
    void theNewestSenderOfAMessageIdWinsBeforeAndAfterMerging() {
        Database db = database("origin-newest", null);
        long hash = random.nextLong();
        Sender first = new Sender("tenant-a", "198.18.0.1", "v1");
        Sender second = new Sender("tenant-a", "198.18.0.9", "");
        Sender third = new Sender("tenant-a", "198.18.0.7", "v7");
        for (int batch = 0; batch < 8; batch++) {
            Sender sender = batch == 2 ? first : batch == 5 ? second : null;
            long[] hashes = sender == null ? random.longs(50).toArray() : new long[] {hash, random.nextLong()};
            db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(sender == null ? third : sender, hashes)), NOW));
        }
        assertThat(db.map.lookup(List.of(hash))).as("two level-0 runs hold it").containsEntry(hash, second);

        db.map.compact(DAY);
        assertThat(levels(db.map)).isEqualTo(Map.of(1, 1L));
        assertThat(db.map.lookup(List.of(hash))).as("merged: one entry left, the newer").containsEntry(hash, second);

        db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(third, new long[] {hash})), NOW));
        assertThat(db.map.lookup(List.of(hash))).as("a level-0 run newer than the merged one").containsEntry(hash, third);
    }

    @Test
    void aLookupReadsTheWantedBucketsOfEachRunByIndexHoweverManyRunsThereAre() {
        Database db = database("origin-lookup-plan", null);
        // A level-3 run of 2 million entries (16,384 buckets) and seven level-0 runs of 5,000 (64 buckets each).
        db.jdbc.update("""
                INSERT INTO message_origin_run (run, first_seq, last_seq, level, bits, entries, learned_from, learned_to)
                SELECT r, r, r, CASE WHEN r = 1 THEN 3 ELSE 0 END, CASE WHEN r = 1 THEN 14 ELSE 6 END, 0, now(), now()
                FROM generate_series(1, 8) r""");
        db.jdbc.update("""
                INSERT INTO message_origin_bucket (run, bucket, last_seq, entries)
                SELECT 1, (1 << 14) | b, 1, decode(repeat('00', 12 * 96), 'hex') FROM generate_series(0, 16383) b
                UNION ALL
                SELECT r, (1 << 6) | b, r, decode(repeat('00', 12 * 78), 'hex') FROM generate_series(2, 8) r, generate_series(0, 63) b""");
        db.jdbc.execute("ANALYZE message_origin_bucket");
        Long[] wanted = random.longs(50).boxed().toArray(Long[]::new);

        // Runs 2 and 3 have filters: run 2 lets two of the hashes through, run 3 none.
        Object[] parameters = {wanted, new Long[] {2L, 3L}, new Long[] {2L, 2L}, new Long[] {wanted[0], wanted[1]}};
        for (QueryPlan plan : List.of(QueryPlan.of(db.dataSource, MessageOriginMap.LOOKUP, parameters),
                QueryPlan.generic(db.dataSource, MessageOriginMap.LOOKUP, parameters))) {
            assertThat(plan.indexes()).as("%s", plan).contains("message_origin_bucket_pkey");
            assertThat(plan.nodes()).as("never every bucket: %s", plan).noneMatch(node -> node.startsWith("Seq Scan on message_origin_bucket"));
        }
    }

    @Test
    void aLookupReadsOnlyTheRunsWhoseFilterLetsTheHashThroughAndFindsWhatAnInstanceWithoutFiltersFinds() {
        Database db = database("origin-filters", null);
        Map<Long, Sender> expected = new HashMap<>();
        List<Long> wanted = new ArrayList<>();
        for (int batch = 0; batch < MessageOriginMap.FANOUT; batch++) {
            Sender sender = new Sender("tenant-a", "198.18.0." + (batch + 1), "");
            long[] hashes = random.longs(2_000).toArray();
            for (int i = 0; i < 5; i++) {
                expected.put(hashes[i * 300], sender);
                wanted.add(hashes[i * 300]);
            }
            db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(sender, hashes)), NOW));
        }
        random.longs(10).forEach(wanted::add);
        // Another instance on the same database, as after a restart or on another replica: no filters.
        MessageOriginMap other = new MessageOriginMap(db.jdbc, db.tx);

        assertThat(db.map.lookup(wanted)).isEqualTo(expected);
        assertThat(other.lookup(wanted)).isEqualTo(expected);
        assertThat(db.map.rowsRead.get()).as("a row per hash found, and the few a filter lets through wrongly")
                .isBetween(40L, 48L);
        assertThat(other.rowsRead.get()).as("every run's bucket of every hash").isGreaterThan(4 * db.map.rowsRead.get());

        // A run the other instance wrote: unknown to this one, read whole.
        Sender late = new Sender("tenant-b", "198.18.1.1", "v9");
        long[] lateHashes = random.longs(100).toArray();
        db.tx.executeWithoutResult(status -> other.remember(List.of(chunk(late, lateHashes)), NOW));
        assertThat(db.map.lookup(List.of(lateHashes[7]))).containsEntry(lateHashes[7], late);

        // Merged by this instance: the merged run has a filter of its own.
        assertThat(db.map.compact(DAY)).isEqualTo(16_000);
        assertThat(db.map.lookup(wanted)).isEqualTo(expected);
        db.map.rowsRead.set(0);
        List<Long> unknown = random.longs(50).boxed().toList();
        assertThat(db.map.lookup(unknown)).isEmpty();
        assertThat(db.map.rowsRead.get())
                .as("of 50 unknown hashes: the few the merged run's filter lets through wrongly, and the other instance's run"
                        + " of 100 entries (one or two buckets), not a bucket of the merged run per hash")
                .isLessThanOrEqualTo(6);
    }

    @Test
    void aMergeNeverMakesARunSpanMoreThanTheLongestRun() {
        List<Run> hourly = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            hourly.add(new Run(i + 1, i + 1, i + 1, 0, 4, 1000, NOW.plus(Duration.ofHours(i)), NOW.plus(Duration.ofHours(i))));
        }

        assertThat(MessageOriginMap.mergeable(hourly, Duration.ofHours(6))).as("8 runs span 7 hours").isNull();
        assertThat(MessageOriginMap.mergeable(hourly, Duration.ofHours(7))).extracting(Run::run).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        List<Run> gap = new ArrayList<>(hourly);
        gap.set(0, new Run(1, 1, 1, 0, 4, 1000, NOW.minus(DAY), NOW.minus(DAY)));
        assertThat(MessageOriginMap.mergeable(gap, Duration.ofHours(7))).as("the first window spans a day: the next one")
                .extracting(Run::run).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        List<Run> twoLevels = new ArrayList<>(hourly.subList(0, 7));
        for (int i = 0; i < 8; i++) {
            twoLevels.add(new Run(100 + i, 100 + i, 100 + i, 1, 9, 8000, NOW, NOW));
        }
        assertThat(MessageOriginMap.mergeable(twoLevels, Duration.ofHours(7))).as("the lowest level with enough runs")
                .extracting(Run::level).containsOnly(1);
    }

    @Test
    void runsLearntBeforeTheCutoffAreForgottenWhole() {
        Database db = database("origin-forget", null);
        Sender sender = new Sender("tenant-a", "198.18.0.1", "v1");
        long[] old = random.longs(500).toArray();
        long[] recent = random.longs(500).toArray();
        db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(sender, old)), NOW.minus(Duration.ofDays(8))));
        db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(sender, recent)), NOW));

        Long forgotten = db.tx.execute(status -> db.map.forgetBefore(NOW.minus(Duration.ofDays(7))));

        assertThat(forgotten).isEqualTo(500);
        assertThat(db.map.lookup(boxed(old))).isEmpty();
        assertThat(db.map.lookup(boxed(recent))).hasSize(500);
        assertThat(db.jdbc.queryForObject("SELECT count(DISTINCT run) FROM message_origin_bucket", Long.class))
                .as("the forgotten run's buckets are gone too").isEqualTo(1);
    }

    @Test
    void aMergeThatFailsLeavesItsSourcesAsTheyWere() {
        Database db = database("origin-failed-merge", null);
        Sender sender = new Sender("tenant-a", "198.18.0.1", "v1");
        List<Long> all = new ArrayList<>();
        for (int batch = 0; batch < 8; batch++) {
            long[] hashes = random.longs(400).toArray();
            all.addAll(boxed(hashes));
            db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(sender, hashes)), NOW));
        }
        // The merged run's row is written after its buckets: the merge fails at its very end.
        db.jdbc.execute("""
                CREATE FUNCTION refuse_merged_run() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.level > 0 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_merged_run BEFORE INSERT ON message_origin_run FOR EACH ROW EXECUTE FUNCTION refuse_merged_run()""");

        assertThatThrownBy(() -> db.map.compact(DAY)).hasMessageContaining("disk full");

        assertThat(levels(db.map)).isEqualTo(Map.of(0, 8L));
        assertThat(db.jdbc.queryForObject("SELECT count(DISTINCT run) FROM message_origin_bucket", Long.class)).isEqualTo(8);
        assertThat(db.map.lookup(all)).hasSize(all.size());
        db.jdbc.execute("DROP TRIGGER refuse_merged_run ON message_origin_run");
        db.map.compact(DAY);
        assertThat(levels(db.map)).as("merged on the next try").isEqualTo(Map.of(1, 1L));
        assertThat(db.map.lookup(all)).hasSize(all.size());
    }

    @Test
    void aSenderStoredByABatchThatRolledBackIsNotRemembered() {
        Database db = database("origin-sender-rollback", null);
        Sender lost = new Sender("tenant-a", "198.18.0.1", "v1");
        Sender other = new Sender("tenant-b", "198.18.0.2", "");
        long hash = random.nextLong();
        assertThatThrownBy(() -> db.tx.executeWithoutResult(status -> {
            db.map.remember(List.of(chunk(lost, new long[] {random.nextLong()})), NOW);
            throw new IllegalStateException("the batch fails");
        })).hasMessage("the batch fails");

        // Another sender takes the rolled-back id (a sequence hands out new numbers: it is the next one),
        // then the first sender is stored again.
        db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(other, new long[] {random.nextLong()})), NOW));
        db.tx.executeWithoutResult(status -> db.map.remember(List.of(chunk(lost, new long[] {hash})), NOW));

        assertThat(db.map.lookup(List.of(hash))).containsEntry(hash, lost);
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM message_sender", Long.class)).isEqualTo(2);
    }

    @Test
    void theOriginsTheChunksHeldAreCarriedOverIntoOneRun() {
        Database db = database("origin-carried", "10");
        long shared = random.nextLong();
        long[] a = random.longs(3000).toArray();
        long[] b = random.longs(2000).toArray();
        a[0] = shared;
        b[0] = shared;
        // As the previous release wrote them: hashes on the chunk rows, the newest chunk wins.
        db.jdbc.update("""
                INSERT INTO ingest_chunk (lane, first_key, last_key, record_keys, tenant_id, ip, vmta, message_hashes, ingested_at)
                VALUES ('198.18.0.1|v1', gen_random_uuid(), gen_random_uuid(), '\\x00', 'tenant-a', '198.18.0.1', 'v1', ?, now() - interval '2 days'),
                       ('198.18.0.2|', gen_random_uuid(), gen_random_uuid(), '\\x00', 'tenant-b', '198.18.0.2', NULL, ?, now() - interval '1 day'),
                       ('198.18.0.3|', gen_random_uuid(), gen_random_uuid(), '\\x00', NULL, NULL, NULL, NULL, now())""",
                a, b);

        Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration").load().migrate();

        List<Long> carried = new ArrayList<>(boxed(a));
        carried.addAll(boxed(b));
        Map<Long, Sender> found = db.map.lookup(carried);
        assertThat(found).hasSize(a.length + b.length - 1);
        assertThat(found.get(a[1])).isEqualTo(new Sender("tenant-a", "198.18.0.1", "v1"));
        assertThat(found.get(b[1])).isEqualTo(new Sender("tenant-b", "198.18.0.2", ""));
        assertThat(found.get(shared)).as("the newer chunk's").isEqualTo(new Sender("tenant-b", "198.18.0.2", ""));
        assertThat(levels(db.map)).as("a level nothing merges with").isEqualTo(Map.of(100, 1L));
        assertThat(db.map.runs().get(0).learnedTo()).isBetween(Instant.now().minus(Duration.ofHours(25)), Instant.now().minus(Duration.ofHours(23)));
    }

    private static Map<Integer, Long> levels(MessageOriginMap map) {
        return map.runs().stream().collect(Collectors.groupingBy(Run::level, Collectors.counting()));
    }

    private static IngestChunk chunk(Sender sender, long[] hashes) {
        return new IngestChunk(sender.ip() + "|" + sender.vmta(), new UUID[] {UUID.randomUUID()}, TenantId.of(sender.tenant()),
                SendingIp.of(sender.ip()), sender.vmta().isEmpty() ? null : VirtualMtaName.of(sender.vmta()), hashes);
    }

    private static List<Long> boxed(long[] hashes) {
        return Arrays.stream(hashes).boxed().toList();
    }

    /** A database migrated to {@code version} (null: the latest) and a map on it. */
    private static Database database(String name, String version) {
        return database(name, version, MessageOriginMap.VACUUM_AFTER);
    }

    private static Database database(String name, String version, long vacuumAfter) {
        DataSource dataSource = TestPostgres.get().createDatabase(name).dataSource();
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        (version == null ? flyway : flyway.target(version)).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new Database(dataSource, jdbc, tx, new MessageOriginMap(jdbc, tx, vacuumAfter));
    }

    private record Database(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate tx, MessageOriginMap map) {
    }
}

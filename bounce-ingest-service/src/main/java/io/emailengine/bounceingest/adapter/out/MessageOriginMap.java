package io.emailengine.bounceingest.adapter.out;

import static io.emailengine.bounceingest.adapter.out.SqlArrays.array;
import static io.emailengine.bounceingest.adapter.out.SqlArrays.statement;

import io.emailengine.bounceingest.application.IngestChunk;
import io.emailengine.kit.jdbc.BinaryCopy;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Message-ID map: who (tenant, IP, vmta) sent a message, by a 64-bit hash of its Message-ID,
 * for the remote bounces and complaints that name no IP. A log-structured merge in PostgreSQL:
 *
 * <ul>
 *   <li>Each committed batch writes its new Message-IDs as one <em>run</em> (level 0): its
 *       {@link OriginEntries} sorted by hash, split into buckets of about a hundred entries by
 *       their first bits, a row each — a few dozen rows per batch instead of an index entry per
 *       message, which cost PostgreSQL more than everything else a record costs.</li>
 *   <li>In the background ({@link #compact}), {@value #FANOUT} runs of one level are merged into
 *       one run of the next level, bucketed finer, so that a level holds fewer than
 *       {@value #FANOUT} runs and a lookup reads one row of about a kilobyte per run. A merge reads
 *       its sources in slices of the hash space and is one transaction: lookups see the sources or
 *       the merged run, never both or neither.</li>
 *   <li>A lookup reads, in one statement, the rows of every run whose bucket can hold the wanted
 *       hashes, but for the runs this instance holds a {@link RunFilter} of that rules the hash out
 *       (those it wrote or merged, of up to {@value #FILTERED_ENTRIES} entries: all but the largest);
 *       of several runs holding a hash, the newest (highest {@code last_seq}) wins. Runs of
 *       a level are merged in sequence order, so this is the newest entry but for two cases: a run
 *       left out of a merge by the span rule below, and batches of two inputs that commit out of
 *       sequence order; then a merged run can outrank a run holding a newer entry. Both entries are
 *       senders of the message (a retry from another IP).</li>
 *   <li>Runs are forgotten whole once the newest entry they hold is older than the retention; a
 *       merge never makes a run span more than {@code longestRun} of learning time, so an entry
 *       outlives the retention by at most that.</li>
 * </ul>
 */
final class MessageOriginMap {

    private static final Logger LOG = LoggerFactory.getLogger(MessageOriginMap.class);

    /** How many runs of a level are merged into one of the next. */
    static final int FANOUT = 8;
    /** Entries a merge reads per query: about 800 KB, whatever the size of the runs merged. */
    static final long SLICE_ENTRIES = 65_536;
    /** Key of the advisory lock held by the merge and the forgetting (one at a time, across replicas). */
    private static final int MAP_LOCK = 0x4d736749;
    private static final int COPY_BYTES = 1 << 20;
    /**
     * Once merges have rewritten this many entries since the last VACUUM of the bucket table, the next
     * one follows: every entry is rewritten once per level, and left to autovacuum (a fifth of the
     * table dead) the space the sources leave is reused too late — the table grew to 44 bytes per
     * 12-byte entry. Counted over merges, not per merge: a VACUUM costs a pass over every page written
     * since the last one and over both indexes, whatever it finds dead (a VACUUM after each merge of
     * 200,000 entries or more ran three times per million records ingested, a fifth of PostgreSQL's
     * time); about 24 MB of dead entries at most.
     */
    static final long VACUUM_AFTER = 2_000_000;
    /**
     * Runs of up to this many entries get a filter when this instance writes them: runs of up to level
     * 3 (2.6 million entries), 1.25 bytes per entry, about 30 MB at most with {@value #FANOUT} runs a
     * level. The larger runs, few, are read for every lookup.
     */
    static final long FILTERED_ENTRIES = 1 << 22;
    private static final String COPY_BUCKETS = "COPY message_origin_bucket (run, bucket, last_seq, entries) FROM STDIN (FORMAT binary)";

    /**
     * The bucket rows that can hold any of the hashes (first parameter): of each run, the bucket of each
     * hash, but for the runs with a filter (second parameter) only the (run, hash) pairs the filters let
     * through (third and fourth). One snapshot: a run merged or written since the filters were read is
     * not among the filtered ones, so it is read whole. An index probe of the primary key per row: the
     * subquery is kept apart ({@code OFFSET 0}), or a small table is hashed whole.
     */
    static final String LOOKUP = """
            SELECT b.bucket, b.last_seq, b.entries
            FROM (SELECT DISTINCT r.run,
                         CASE WHEN r.bits = 0 THEN 1
                              ELSE ((1::bigint << r.bits) | ((h >> (64 - r.bits)) & ((1::bigint << r.bits) - 1)))::int END AS bucket
                  FROM message_origin_run r, unnest(?::bigint[]) AS h
                  WHERE r.run <> ALL (?::bigint[])
                     OR (r.run, h) IN (SELECT * FROM unnest(?::bigint[], ?::bigint[]))) w
            CROSS JOIN LATERAL (
                SELECT bucket, last_seq, entries FROM message_origin_bucket b
                WHERE b.run = w.run AND b.bucket = w.bucket
                OFFSET 0) b""";

    /** The rows of each source run in a bucket range (parameters: runs, lowest and highest bucket ids). */
    static final String SLICE = """
            SELECT s.run, r.bucket, r.entries
            FROM unnest(?::bigint[], ?::int[], ?::int[]) AS s(run, low, high)
            CROSS JOIN LATERAL (
                SELECT bucket, entries FROM message_origin_bucket r
                WHERE r.run = s.run AND r.bucket BETWEEN s.low AND s.high
                OFFSET 0) r""";

    /** The runs learnt entirely before a time (parameter), through {@code message_origin_run_learned}. */
    static final String EXPIRED = "DELETE FROM message_origin_run WHERE learned_to < ? RETURNING run, entries";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Map<Sender, Integer> senderIds = new ConcurrentHashMap<>();
    private final Map<Integer, Sender> senders = new ConcurrentHashMap<>();
    /** Whether this instance wrote runs since it last found nothing to merge (and at start: runs may be waiting). */
    private final AtomicBoolean mergeWanted = new AtomicBoolean(true);
    /** Entries merges rewrote since the last VACUUM (by this instance): the dead entries it left. */
    private final AtomicLong mergedSinceVacuum = new AtomicLong();
    /** The filters of the runs this instance wrote or merged (and that are small enough), by run. */
    private final Map<Long, RunFilter> filters = new ConcurrentHashMap<>();
    /** Bucket rows lookups read, for tests. */
    final AtomicLong rowsRead = new AtomicLong();
    private final long vacuumAfter;

    MessageOriginMap(JdbcTemplate jdbc, TransactionTemplate tx) {
        this(jdbc, tx, VACUUM_AFTER);
    }

    /** @param vacuumAfter entries rewritten by merges after which the bucket table is vacuumed */
    MessageOriginMap(JdbcTemplate jdbc, TransactionTemplate tx, long vacuumAfter) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.vacuumAfter = vacuumAfter;
    }

    /** Who sent a message; {@code vmta} is empty when the records named none. */
    record Sender(String tenant, String ip, String vmta) {
    }

    /** Remembers the Message-IDs of a batch's chunks as one level-0 run, in the caller's transaction. */
    void remember(Collection<IngestChunk> chunks, Instant at) {
        List<OriginEntries> bySender = new ArrayList<>();
        for (IngestChunk chunk : chunks) {
            if (chunk.tenant() != null && chunk.ip() != null && chunk.messageHashes().length > 0) {
                int sender = senderId(new Sender(chunk.tenant().value(), chunk.ip().value(),
                        chunk.vmta() == null ? "" : chunk.vmta().value()));
                bySender.add(OriginEntries.ofSender(chunk.messageHashes(), sender));
            }
        }
        if (bySender.isEmpty()) {
            return;
        }
        OriginEntries entries = OriginEntries.merge(bySender);
        int bits = OriginEntries.bitsFor(entries.size());
        Long run = jdbc.queryForObject("""
                INSERT INTO message_origin_run (run, first_seq, last_seq, level, bits, entries, learned_from, learned_to)
                SELECT n, n, n, 0, ?, ?, ?, ? FROM nextval('message_origin_seq') n
                RETURNING run""", Long.class, bits, entries.size(), Timestamp.from(at), Timestamp.from(at));
        BinaryCopy rows = new BinaryCopy(entries.size() * OriginEntries.BYTES + 64 * (1 << Math.min(bits, 10)));
        addBuckets(rows, run, run, entries, bits);
        rows.copyIn(jdbc, COPY_BUCKETS);
        RunFilter filter = new RunFilter(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            filter.add(entries.hash(i));
        }
        afterCommit(() -> filters.put(run, filter));
        mergeWanted.set(true);
    }

    /** The newest sender of each hash found; unknown hashes are absent. */
    Map<Long, Sender> lookup(Collection<Long> hashes) {
        Map<Long, Sender> found = new HashMap<>();
        if (hashes.isEmpty()) {
            return found;
        }
        long[] wanted = hashes.stream().mapToLong(Long::longValue).distinct().toArray();
        List<Long> filtered = new ArrayList<>(filters.size());
        List<Long> passRuns = new ArrayList<>();
        List<Long> passHashes = new ArrayList<>();
        filters.forEach((run, filter) -> {
            filtered.add(run);
            for (long hash : wanted) {
                if (filter.mightContain(hash)) {
                    passRuns.add(run);
                    passHashes.add(hash);
                }
            }
        });
        Map<Long, long[]> best = new HashMap<>(); // hash -> {last_seq, sender}
        jdbc.query(statement(LOOKUP, array("int8", box(wanted)), array("int8", filtered.toArray()), array("int8", passRuns.toArray()),
                array("int8", passHashes.toArray())), rs -> {
            rowsRead.incrementAndGet();
            int bucket = rs.getInt(1);
            long lastSeq = rs.getLong(2);
            byte[] row = rs.getBytes(3);
            int bits = OriginEntries.bitsOf(bucket);
            for (long hash : wanted) {
                if (OriginEntries.bucket(hash, bits) != bucket) {
                    continue;
                }
                int sender = find(row, hash);
                long[] seen = best.get(hash);
                if (sender >= 0 && (seen == null || seen[0] < lastSeq)) {
                    best.put(hash, new long[] {lastSeq, sender});
                }
            }
        });
        resolveSenders(best.values().stream().map(v -> (int) v[1]).distinct().toList());
        best.forEach((hash, v) -> found.put(hash, senders.get((int) v[1])));
        return found;
    }

    /**
     * Merges runs until no level holds {@value #FANOUT} runs that fit in {@code longestRun}, or another
     * replica is merging; each merge is a transaction of its own.
     *
     * @return the number of entries merged
     */
    long compact(Duration longestRun) {
        if (!mergeWanted.getAndSet(false)) {
            return 0;
        }
        long merged = 0;
        while (true) {
            Long entries;
            try {
                entries = tx.execute(status -> {
                    if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, MAP_LOCK))) {
                        return null;
                    }
                    List<Run> window = mergeable(runs(), longestRun);
                    if (window == null) {
                        return -1L;
                    }
                    long started = System.nanoTime();
                    long written = merge(window);
                    LOG.debug("Merged {} Message-ID runs of level {} into {} entries in {} ms", window.size(), window.get(0).level(),
                            written, (System.nanoTime() - started) / 1_000_000);
                    return written;
                });
            } catch (RuntimeException e) {
                mergeWanted.set(true); // rolled back: the runs are still there to merge
                throw e;
            }
            if (entries == null) {
                mergeWanted.set(true); // another replica is merging: look again next time
                return merged;
            }
            if (entries < 0) {
                return merged;
            }
            merged += entries;
            if (mergedSinceVacuum.addAndGet(entries) >= vacuumAfter) {
                // The sources' rows are dead now: make their space reusable before the next runs are written.
                mergedSinceVacuum.set(0);
                jdbc.execute("VACUUM message_origin_bucket");
            }
        }
    }

    /** Forgets the runs whose newest entry was learnt before the cutoff, in the caller's transaction; returns their entries. */
    long forgetBefore(Instant cutoff) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, MAP_LOCK);
        List<Long> runs = new ArrayList<>();
        long[] entries = {0};
        jdbc.query(EXPIRED, rs -> {
            runs.add(rs.getLong(1));
            entries[0] += rs.getLong(2);
        }, Timestamp.from(cutoff));
        if (!runs.isEmpty()) {
            jdbc.update(statement("DELETE FROM message_origin_bucket WHERE run = ANY (?)", array("int8", runs.toArray())));
            runs.forEach(filters::remove);
        }
        return entries[0];
    }

    /** A run: {@code entries} hashes in buckets of {@code bits} bits, learnt from batches {@code firstSeq..lastSeq}. */
    record Run(long run, long firstSeq, long lastSeq, int level, int bits, long entries, Instant learnedFrom, Instant learnedTo) {
    }

    List<Run> runs() {
        return jdbc.query("""
                SELECT run, first_seq, last_seq, level, bits, entries, learned_from, learned_to
                FROM message_origin_run ORDER BY level, first_seq""", (rs, n) -> new Run(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
    }

    /**
     * The first {@value #FANOUT} consecutive runs of the lowest level that has them and whose learning
     * spans at most {@code longestRun}; null when there are none.
     */
    static List<Run> mergeable(List<Run> runs, Duration longestRun) {
        Map<Integer, List<Run>> byLevel = new TreeMap<>();
        for (Run run : runs) {
            byLevel.computeIfAbsent(run.level(), k -> new ArrayList<>()).add(run);
        }
        for (List<Run> level : byLevel.values()) {
            level.sort(Comparator.comparingLong(Run::firstSeq));
            for (int i = 0; i + FANOUT <= level.size(); i++) {
                List<Run> window = level.subList(i, i + FANOUT);
                Instant from = window.stream().map(Run::learnedFrom).min(Comparator.naturalOrder()).orElseThrow();
                Instant to = window.stream().map(Run::learnedTo).max(Comparator.naturalOrder()).orElseThrow();
                if (Duration.between(from, to).compareTo(longestRun) <= 0) {
                    return List.copyOf(window);
                }
            }
        }
        return null;
    }

    /** Merges the runs (oldest first) into one of the next level; returns its entry count. */
    private long merge(List<Run> sources) {
        long total = sources.stream().mapToLong(Run::entries).sum();
        int bits = OriginEntries.bitsFor(total);
        int sliceBits = 0;
        while (sliceBits < bits && (total >> sliceBits) > SLICE_ENTRIES) {
            sliceBits++;
        }
        long lastSeq = sources.stream().mapToLong(Run::lastSeq).max().orElseThrow();
        Long run = jdbc.queryForObject("SELECT nextval('message_origin_seq')", Long.class);
        Long[] ids = sources.stream().map(Run::run).toArray(Long[]::new);
        long written = 0;
        BinaryCopy rows = new BinaryCopy(COPY_BYTES + COPY_BYTES / 8);
        int pending = 0;
        RunFilter filter = total <= FILTERED_ENTRIES ? new RunFilter(total) : null;
        for (long slice = 0; slice < 1L << sliceBits; slice++) {
            Integer[] low = new Integer[sources.size()];
            Integer[] high = new Integer[sources.size()];
            for (int s = 0; s < sources.size(); s++) {
                int sourceBits = sources.get(s).bits();
                if (sourceBits >= sliceBits) {
                    int first = (int) ((1L << sourceBits) | (slice << (sourceBits - sliceBits)));
                    low[s] = first;
                    high[s] = first + (1 << (sourceBits - sliceBits)) - 1;
                } else {
                    low[s] = (int) ((1L << sourceBits) | (slice >>> (sliceBits - sourceBits)));
                    high[s] = low[s];
                }
            }
            Map<Long, TreeMap<Integer, byte[]>> read = new HashMap<>();
            jdbc.query(statement(SLICE, array("int8", ids), array("int4", low), array("int4", high)), rs -> {
                read.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getBytes(3));
            });
            List<OriginEntries> oldestFirst = new ArrayList<>(sources.size());
            for (Run source : sources) {
                OriginEntries entries = new OriginEntries((int) Math.min(source.entries() >> sliceBits, 1 << 20) + 16);
                for (byte[] row : read.getOrDefault(source.run(), new TreeMap<>()).values()) {
                    // A coarser source bucket holds other slices' entries too: only this slice's are taken.
                    entries.addStored(row, source.bits() < sliceBits ? sliceBits : 0, slice);
                }
                oldestFirst.add(entries);
            }
            OriginEntries merged = OriginEntries.merge(oldestFirst);
            if (filter != null) {
                for (int i = 0; i < merged.size(); i++) {
                    filter.add(merged.hash(i));
                }
            }
            pending += addBuckets(rows, run, lastSeq, merged, bits);
            written += merged.size();
            if (pending >= COPY_BYTES) {
                rows.copyIn(jdbc, COPY_BUCKETS);
                rows = new BinaryCopy(COPY_BYTES + COPY_BYTES / 8);
                pending = 0;
            }
        }
        rows.copyIn(jdbc, COPY_BUCKETS);
        Instant from = sources.stream().map(Run::learnedFrom).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = sources.stream().map(Run::learnedTo).max(Comparator.naturalOrder()).orElseThrow();
        int level = sources.stream().mapToInt(Run::level).max().orElseThrow() + 1;
        jdbc.update("""
                INSERT INTO message_origin_run (run, first_seq, last_seq, level, bits, entries, learned_from, learned_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", run, sources.stream().mapToLong(Run::firstSeq).min().orElseThrow(), lastSeq,
                level, bits, written, Timestamp.from(from), Timestamp.from(to));
        jdbc.update(statement("DELETE FROM message_origin_bucket WHERE run = ANY (?)", array("int8", ids)));
        jdbc.update(statement("DELETE FROM message_origin_run WHERE run = ANY (?)", array("int8", ids)));
        // Removed now: a run without a filter is read whole, whether the merge commits or not.
        for (Long source : ids) {
            filters.remove(source);
        }
        if (filter != null) {
            afterCommit(() -> filters.put(run, filter));
        }
        return written;
    }

    /** Adds the entries as bucket rows of {@code bits} bits; returns the bytes added. */
    private static int addBuckets(BinaryCopy rows, long run, long lastSeq, OriginEntries entries, int bits) {
        int bytes = 0;
        int from = 0;
        while (from < entries.size()) {
            int bucket = OriginEntries.bucket(entries.hash(from), bits);
            int to = from + 1;
            while (to < entries.size() && OriginEntries.bucket(entries.hash(to), bits) == bucket) {
                to++;
            }
            rows.row(4).int8(run).int4(bucket).int8(lastSeq).bytes(entries.encode(from, to));
            bytes += 40 + (to - from) * OriginEntries.BYTES;
            from = to;
        }
        return bytes;
    }

    /** The sender in a stored row of sorted entries, or -1: a binary search on the row's bytes. */
    static int find(byte[] row, long hash) {
        ByteBuffer in = ByteBuffer.wrap(row);
        int lo = 0;
        int hi = row.length / OriginEntries.BYTES - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int order = Long.compareUnsigned(in.getLong(mid * OriginEntries.BYTES), hash);
            if (order == 0) {
                return in.getInt(mid * OriginEntries.BYTES + 8);
            }
            if (order < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /**
     * The id of a sender, stored if new (in the caller's transaction: the id is remembered by this
     * instance once that commits, as a rolled-back id may be given to another sender later).
     */
    private int senderId(Sender sender) {
        Integer known = senderIds.get(sender);
        if (known != null) {
            return known;
        }
        jdbc.update("INSERT INTO message_sender (tenant_id, ip, vmta) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                sender.tenant(), sender.ip(), sender.vmta());
        Integer id = jdbc.queryForObject("SELECT id FROM message_sender WHERE tenant_id = ? AND ip = ? AND vmta = ?",
                Integer.class, sender.tenant(), sender.ip(), sender.vmta());
        afterCommit(() -> known(id, sender));
        return id;
    }

    /** Runs once the caller's transaction commits (never, if it rolls back); at once outside one. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private void known(int id, Sender sender) {
        senderIds.put(sender, id);
        senders.put(id, sender);
    }

    /** Reads the senders this instance does not know yet (stored by others, or before it started). */
    private void resolveSenders(List<Integer> ids) {
        Integer[] unknown = ids.stream().filter(id -> !senders.containsKey(id)).toArray(Integer[]::new);
        if (unknown.length == 0) {
            return;
        }
        jdbc.query(statement("SELECT id, tenant_id, ip, vmta FROM message_sender WHERE id = ANY (?)", array("int4", unknown)), rs -> {
            known(rs.getInt(1), new Sender(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}

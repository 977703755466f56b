package io.emailengine.bounceingest.application;

import io.emailengine.bounceingest.application.parse.RecordSink;
import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.InterpretedRecord;
import io.emailengine.bounceingest.domain.MessageIds;
import io.emailengine.bounceingest.domain.Outcome;
import io.emailengine.bounceingest.domain.RecordInterpreter;
import io.emailengine.bounceingest.domain.RecordType;
import io.emailengine.bounceingest.domain.RejectedLine;
import io.emailengine.bounceingest.domain.WindowCounts;
import io.emailengine.bounceingest.domain.WindowKey;
import io.emailengine.events.BounceReceived;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventType;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.kit.outbox.OutboxPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: take a stream of accounting records in, batch by batch. Each batch is one transaction
 * holding its dedupe keys, its BounceReceived events (outbox), its window counters, its unattributed
 * records and its quarantined lines, so a crash or a re-post can neither lose nor double-count a record.
 */
public class AccountingIngestion {

    /** The records of our own delivery attempts: those that name the IP that sent the message. */
    private static final Set<RecordType> TEACHES_ORIGIN = EnumSet.of(RecordType.D, RecordType.B, RecordType.T, RecordType.TQ);

    /** Batches of one session handed to the committer and not yet committed. */
    private static final int MAX_IN_FLIGHT = 3;

    public static final String PRODUCER = "bounce-ingest-service";
    private static final int MAX_DIAGNOSTIC = 2000;

    private final RecordInterpreter interpreter;
    private final IpAttributionStore owners;
    private final IngestStore store;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final Duration window;
    private final int batchSize;
    private final int maxReportedErrors;
    private final Executor committer;
    private final boolean learnOrigins;

    /**
     * @param committer attributes and commits a session's batches, so that reading the next batch
     *                  overlaps with the attribution and database work of the previous ones; at most
     *                  {@link #MAX_IN_FLIGHT} batches per session are in flight, which bounds memory
     * @param learnOrigins whether the records' Message-IDs are remembered with their sender, so that
     *                     later remote bounces and complaints naming no IP can be attributed
     */
    public AccountingIngestion(RecordInterpreter interpreter, IpAttributionStore owners, IngestStore store,
                               OutboxPublisher outbox, TransactionTemplate tx, Clock clock, IngestMetrics metrics,
                               Duration window, int batchSize, int maxReportedErrors, Executor committer,
                               boolean learnOrigins) {
        this.interpreter = interpreter;
        this.owners = owners;
        this.store = store;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.window = window;
        this.batchSize = batchSize;
        this.maxReportedErrors = maxReportedErrors;
        this.committer = committer;
        this.learnOrigins = learnOrigins;
    }

    /**
     * @param channel how the input arrived (push-csv, push-json, sftp, ...), kept on the batch row
     * @param reader  reads the input and feeds the sink; may throw NotAccountingDataException
     */
    public IngestSummary ingest(String source, String channel, Consumer<RecordSink> reader) {
        try (Session session = open(source, channel)) {
            reader.accept(session);
            return session.finish();
        }
    }

    /** For callers that need to act between batches (the SFTP pull advances its checkpoint per chunk). */
    public Session open(String source, String channel) {
        long batchId = tx.execute(status -> store.startBatch(source, channel, clock.instant()));
        return new Session(source, batchId);
    }

    /**
     * One input being ingested; not thread-safe (one reader feeds it). The reader parses and
     * interprets each record; each full batch is attributed on the committer, and committed there once
     * the batch before it has committed, so batches commit in order while reading, attributing and the
     * database work of consecutive batches overlap. At most {@link #MAX_IN_FLIGHT} batches are in
     * flight, which bounds memory. Every call that returns a result, and {@link #close()}, first waits
     * for them, and a failed batch (and every batch after it, which is then not committed) is thrown
     * to the reader at its next call.
     */
    public final class Session implements RecordSink, AutoCloseable {

        private final String source;
        private final long batchId;
        private List<InterpretedRecord> pending = new ArrayList<>();
        private List<RejectedLine> rejects = new ArrayList<>();
        /** The batches handed to the committer, oldest first; the fields below are written by their commits. */
        private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);
        private final List<IngestSummary.LineError> errors = new ArrayList<>();
        private long accepted;
        private long duplicates;
        private long rejected;
        private long unattributed;

        private Session(String source, long batchId) {
            this.source = source;
            this.batchId = batchId;
        }

        /**
         * Interprets the record at once, on the reader's thread: its values were just parsed and are
         * still in this core's cache (the committer reading them a batch later took them from memory).
         */
        @Override
        public void record(AccountingRecord record) {
            try {
                pending.add(interpreter.interpret(record));
            } catch (IllegalArgumentException e) {
                rejected(new RejectedLine(record.line(), e.getMessage(), record.fields().toString()));
                return;
            }
            if (pending.size() >= batchSize) {
                flush();
            }
        }

        @Override
        public void rejected(RejectedLine line) {
            rejects.add(line);
            if (rejects.size() >= batchSize) {
                flush();
            }
        }

        /** Commits what was read so far. */
        public void flush() {
            flush(null);
        }

        /**
         * Commits what was read so far and runs {@code alsoInTransaction} in the same transaction
         * (the SFTP pull advances its checkpoint this way, atomically with the records it covers).
         */
        public void flush(Runnable alsoInTransaction) {
            if (pending.isEmpty() && rejects.isEmpty()) {
                awaitCommitted();
                if (alsoInTransaction != null) {
                    tx.executeWithoutResult(status -> alsoInTransaction.run());
                }
                return;
            }
            long started = System.nanoTime();
            List<RejectedLine> bad = rejects;
            List<InterpretedRecord> records = pending;
            pending = new ArrayList<>(Math.min(batchSize, 16_384));
            rejects = new ArrayList<>();
            while (inFlight.size() >= MAX_IN_FLIGHT) {
                awaitOldest();
            }
            CompletableFuture<Batch> prepared = CompletableFuture.supplyAsync(() -> attribute(records, bad), committer);
            lastCommit = prepared.thenAcceptBothAsync(lastCommit,
                    (batch, previous) -> commitBatch(batch, bad, alsoInTransaction, started), committer);
            inFlight.add(lastCommit);
        }

        private void awaitCommitted() {
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }

        /** Waits for the oldest batch in flight; rethrows what made it fail. */
        private void awaitOldest() {
            CompletableFuture<Void> batch = inFlight.poll();
            try {
                batch.join();
            } catch (CompletionException e) {
                inFlight.clear();
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }

        private void commitBatch(Batch batch, List<RejectedLine> bad, Runnable alsoInTransaction, long started) {
            tx.executeWithoutResult(status -> {
                commit(batch, bad);
                if (alsoInTransaction != null) {
                    alsoInTransaction.run();
                }
            });
            accepted += batch.acceptedCount;
            duplicates += batch.duplicateCount;
            rejected += bad.size();
            unattributed += batch.unattributedCount;
            for (RejectedLine line : bad) {
                if (errors.size() < maxReportedErrors) {
                    errors.add(new IngestSummary.LineError(line.line(), line.reason()));
                }
            }
            // Counted per kind of record, not per record: a million counter lookups would cost more than the rest.
            batch.kinds.forEach((kind, count) -> metrics.record(source, kind.type(), kind.outcome(), kind.provider(), count[0]));
            metrics.rejected(source, bad.size());
            metrics.duplicates(source, batch.duplicateCount);
            metrics.unattributed(source, batch.unattributedCount);
            if (batch.newest != null) {
                metrics.lag(source, Duration.between(batch.newest, clock.instant()));
            }
            metrics.batch(source, Duration.ofNanos(System.nanoTime() - started));
        }

        public IngestSummary finish() {
            flush();
            awaitCommitted();
            IngestSummary summary = summary();
            tx.executeWithoutResult(status -> store.finishBatch(batchId, summary, clock.instant()));
            return summary;
        }

        public IngestSummary summary() {
            awaitCommitted();
            return new IngestSummary(accepted, duplicates, rejected, unattributed, List.copyOf(errors));
        }

        /** Waits for the batch in flight, so that nothing of this session is still being written after it. */
        @Override
        public void close() {
            awaitCommitted();
        }

        private Batch attribute(List<InterpretedRecord> good, List<RejectedLine> bad) {
            Set<String> ips = new HashSet<>();
            Set<String> vmtas = new HashSet<>();
            for (InterpretedRecord record : good) {
                if (record.ip() != null) {
                    ips.add(record.ip().value());
                } else if (record.vmta() != null) {
                    vmtas.add(record.vmta().value());
                }
            }
            Map<String, IpOwner> byIp = ips.isEmpty() ? Map.of() : owners.ownersOfIps(ips);
            Map<String, IpOwner> byVmta = vmtas.isEmpty() ? Map.of() : owners.ownersOfVmtas(vmtas);
            Map<UUID, Attributed> byKey = new LinkedHashMap<>(good.size() * 4 / 3 + 1);
            // One lane string per IP and vmta (their objects are shared by the interpreter), so the
            // commit's maps by lane hash each lane once, not a new string per record.
            Map<LaneKey, String> lanes = new HashMap<>();
            Map<String, List<UUID>> keysByLane = new HashMap<>();
            long repeated = 0;
            Teachers teachers = new Teachers(good.size());
            List<UUID> wanting = new ArrayList<>();
            for (InterpretedRecord record : good) {
                IpOwner owner = record.ip() != null ? byIp.get(record.ip().value())
                        : record.vmta() != null ? byVmta.get(record.vmta().value()) : null;
                OutboxPublisher.SerializedEvent event = null;
                if (owner != null && owner.tenant() != null && record.outcome().bounceKind() != null) {
                    try {
                        // Serialised here, in parallel with the commit of the batch before, not in this batch's commit.
                        event = outbox.serialize(bounceEvent(record, owner));
                    } catch (IllegalArgumentException e) {
                        bad.add(new RejectedLine(record.line(), e.getMessage(), record.raw().fields().toString()));
                        continue;
                    }
                }
                String lane = lanes.computeIfAbsent(new LaneKey(record.ip(), record.vmta()), k -> IngestChunk.laneOf(record));
                Attributed item = attributed(record, owner, event, lane);
                if (byKey.putIfAbsent(record.key(), item) != null) {
                    repeated++;
                    continue;
                }
                keysByLane.computeIfAbsent(lane, k -> new ArrayList<>()).add(record.key());
                if (item.messageHash != MessageIds.NONE) {
                    teachers.add(item);
                } else if (record.ip() == null && record.vmta() == null && record.messageHash() != MessageIds.NONE) {
                    wanting.add(record.key());
                }
            }
            return new Batch(byKey, keysByLane, teachers, wanting, repeated);
        }

        private void commit(Batch batch, List<RejectedLine> bad) {
            Instant now = clock.instant();
            attributeByMessageId(batch, bad);
            Set<UUID> remembered = store.claimRemembered(batch.keysByLane);
            Map<WindowKey, WindowCounts> counts = new HashMap<>();
            Map<WindowKey, VirtualMtaName> vmtas = new HashMap<>();
            List<Unattributed> aside = new ArrayList<>();
            List<OutboxPublisher.SerializedEvent> events = new ArrayList<>();
            Map<String, ChunkBuilder> chunks = new HashMap<>();
            batch.reset();
            for (Attributed item : batch.records.values()) {
                InterpretedRecord record = item.record;
                if (remembered.contains(record.key())) {
                    batch.duplicateCount++;
                    continue;
                }
                ChunkBuilder chunk = chunks.computeIfAbsent(item.lane, lane -> new ChunkBuilder(lane, batch.keysByLane.get(lane).size()));
                chunk.keys.add(record.key());
                batch.acceptedCount++;
                batch.count(record);
                if (batch.newest == null || record.loggedAt().isAfter(batch.newest)) {
                    batch.newest = record.loggedAt();
                }
                IpOwner owner = item.owner;
                if (owner == null || owner.tenant() == null) {
                    aside.add(new Unattributed(record, record.ip() == null && record.vmta() == null
                            ? "record names no source IP or virtual MTA" + (record.messageId() == null ? "" : " and its Message-ID is unknown")
                            : "no tenant owns " + (record.ip() != null ? "IP " + record.ip() : "virtual MTA " + record.vmta())));
                    batch.unattributedCount++;
                    continue;
                }
                if (item.teaches) {
                    chunk.learn(item);
                }
                if (item.cell != null) {
                    WindowKey key = item.cell;
                    counts.computeIfAbsent(key, k -> new WindowCounts()).add(record.classification());
                    if (owner.vmta() != null) {
                        vmtas.putIfAbsent(key, owner.vmta());
                    }
                }
                if (item.event != null) {
                    events.add(item.event);
                }
            }
            // The batch's events packed into few outbox rows: their ids derive from record keys, each
            // claimed once above, so they are unique without the outbox's per-row check.
            outbox.publishAllPacked(events);
            if (!counts.isEmpty()) {
                store.addCounts(counts, vmtas, window);
            }
            store.remember(chunks.values().stream().map(ChunkBuilder::build).toList(), now);
            if (!aside.isEmpty()) {
                store.keepUnattributed(source, batchId, aside, now);
            }
            if (!bad.isEmpty()) {
                store.quarantine(source, batchId, bad, now);
            }
        }

        /**
         * Remote bounces, remote statuses and complaints often name no source IP or virtual MTA, but
         * the Message-ID of the message they are about: they are attributed to whoever sent it, learnt
         * from the records of its delivery attempts earlier in this batch or before. Runs in the
         * batch's transaction, after the batches before it committed, so it sees what they taught.
         */
        private void attributeByMessageId(Batch batch, List<RejectedLine> bad) {
            Map<Long, List<UUID>> wanted = new HashMap<>();
            for (UUID key : batch.wanting) {
                Attributed item = batch.records.get(key);
                // Attributed already when the transaction is tried again.
                if (item != null && item.owner == null) {
                    wanted.computeIfAbsent(item.record.messageHash(), k -> new ArrayList<>()).add(key);
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            Map<Long, MessageOrigin> origins = new HashMap<>();
            batch.teachers.find(wanted.keySet(), item -> origins.put(item.messageHash, originOf(item.record, item.owner)));
            List<Long> unknown = wanted.keySet().stream().filter(hash -> !origins.containsKey(hash)).toList();
            // Not learning, the store holds no origins to find.
            if (!unknown.isEmpty() && learnOrigins) {
                origins.putAll(store.originsOf(unknown));
            }
            origins.forEach((hash, origin) -> {
                for (UUID key : wanted.get(hash)) {
                    InterpretedRecord record = batch.records.get(key).record;
                    IpOwner owner = origin.owner();
                    OutboxPublisher.SerializedEvent event = null;
                    if (record.outcome().bounceKind() != null) {
                        try {
                            event = outbox.serialize(bounceEvent(record, owner));
                        } catch (IllegalArgumentException e) {
                            bad.add(new RejectedLine(record.line(), e.getMessage(), record.raw().fields().toString()));
                            batch.records.remove(key);
                            continue;
                        }
                    }
                    batch.records.put(key, attributed(record, owner, event, batch.records.get(key).lane));
                }
            });
        }
    }

    /**
     * Whether a record tells who sent its message: one of our own delivery attempts (d, b, t, tq)
     * naming the IP or virtual MTA that made it. A record attributed by its Message-ID teaches nothing.
     */
    private static boolean teachesOrigin(InterpretedRecord record) {
        return record.messageId() != null && TEACHES_ORIGIN.contains(record.type()) && (record.ip() != null || record.vmta() != null);
    }

    /** The new keys of one lane in one batch and the Message-IDs its records taught. */
    private static final class ChunkBuilder {
        private final String lane;
        private final List<UUID> keys;
        private long[] hashes = new long[16];
        private int hashCount;
        private IpOwner owner;
        private SendingIp ip;
        private VirtualMtaName vmta;

        /** @param expected how many keys the lane has in the batch (at most) */
        ChunkBuilder(String lane, int expected) {
            this.lane = lane;
            this.keys = new ArrayList<>(expected);
        }

        /** All records of a lane name the same IP and vmta, hence have one owner: the first one taught sets it. */
        void learn(Attributed item) {
            if (owner == null) {
                owner = item.owner;
                ip = ipOf(item.record, item.owner);
                vmta = item.record.vmta() != null ? item.record.vmta() : item.owner.vmta();
            }
            if (hashCount == hashes.length) {
                hashes = java.util.Arrays.copyOf(hashes, hashCount * 2);
            }
            hashes[hashCount++] = item.messageHash;
        }

        IngestChunk build() {
            UUID[] sorted = IngestChunk.sort(keys.toArray(UUID[]::new));
            return owner == null
                    ? new IngestChunk(lane, sorted, null, null, null, new long[0])
                    : new IngestChunk(lane, sorted, owner.tenant(), ip, vmta, java.util.Arrays.copyOf(hashes, hashCount));
        }
    }

    /** Who sent the message of an attributed record. */
    private static MessageOrigin originOf(InterpretedRecord record, IpOwner owner) {
        return new MessageOrigin(owner.tenant(), ipOf(record, owner), record.vmta() != null ? record.vmta() : owner.vmta());
    }

    /**
     * Accounts the records kept aside for an IP whose owner just became known (called in the
     * transaction that learns the owner). Their keys were claimed when they arrived, so each is
     * published exactly once, here.
     *
     * @return how many records were released
     */
    public int releaseUnattributed(IpOwner owner) {
        if (owner.tenant() == null) {
            return 0;
        }
        List<AccountingRecord> records = store.takeUnattributed(owner.ip().value(), owner.vmta() == null ? null : owner.vmta().value());
        Map<WindowKey, WindowCounts> counts = new HashMap<>();
        Map<WindowKey, VirtualMtaName> vmtas = new HashMap<>();
        List<EventEnvelope<BounceReceived>> events = new ArrayList<>();
        for (AccountingRecord raw : records) {
            InterpretedRecord record = interpreter.interpret(raw);
            if (record.outcome() != Outcome.IGNORED) {
                WindowKey key = new WindowKey(owner.tenant(), ipOf(record, owner), record.provider(),
                        WindowKey.windowStart(record.loggedAt(), window));
                counts.computeIfAbsent(key, k -> new WindowCounts()).add(record.classification());
                if (owner.vmta() != null) {
                    vmtas.putIfAbsent(key, owner.vmta());
                }
            }
            if (record.outcome().bounceKind() != null) {
                events.add(bounceEvent(record, owner));
            }
        }
        outbox.publishAll(events);
        if (!counts.isEmpty()) {
            store.addCounts(counts, vmtas, window);
        }
        return records.size();
    }

    private EventEnvelope<BounceReceived> bounceEvent(InterpretedRecord record, IpOwner owner) {
        String diagnostic = record.diagnostic();
        if (diagnostic != null && diagnostic.length() > MAX_DIAGNOSTIC) {
            diagnostic = diagnostic.substring(0, MAX_DIAGNOSTIC);
        }
        BounceReceived payload = new BounceReceived(record.outcome().bounceKind(), record.provider(),
                ipOf(record, owner), record.vmta() != null ? record.vmta() : owner.vmta(), record.recipient(),
                record.dsnStatus(), diagnostic, record.bounceCategory(), record.classification().signalCode(),
                record.messageId(), record.jobId(), record.type().code(), record.loggedAt());
        // The record key is the event id: a record that is ingested twice can only ever be one event.
        UUID id = record.key();
        return new EventEnvelope<>(id, EventType.BOUNCE_RECEIVED.logicalName(), EventType.BOUNCE_RECEIVED.schemaVersion(),
                clock.instant(), owner.tenant(), id.toString(), null, PRODUCER, payload);
    }

    private static SendingIp ipOf(InterpretedRecord record, IpOwner owner) {
        return record.ip() != null ? record.ip() : owner.ip();
    }

    private record RecordKind(RecordType type, Outcome outcome, Provider provider) {
    }

    /** The sending IP and vmta a record names (either may be null): its lane. */
    private record LaneKey(SendingIp ip, VirtualMtaName vmta) {
    }

    /**
     * A record with its owner, its event and what its commit needs, worked out while the batch is
     * prepared (in parallel with the commit of the batch before) rather than inside the commit.
     *
     * @param cell        the counter cell it adds to; null when unowned or not counted
     * @param messageHash the Message-ID hash ({@link MessageIds#hashOf}) of an owned record that tells who sent it
     *                    (see {@link #teachesOrigin}), {@link MessageIds#NONE} otherwise: what later records of the
     *                    batch are attributed by
     * @param teaches     whether it is remembered in the origin map (learning on)
     */
    private record Attributed(InterpretedRecord record, IpOwner owner, OutboxPublisher.SerializedEvent event, String lane,
                              WindowKey cell, long messageHash, boolean teaches) {
    }

    private Attributed attributed(InterpretedRecord record, IpOwner owner, OutboxPublisher.SerializedEvent event, String lane) {
        boolean owned = owner != null && owner.tenant() != null;
        WindowKey cell = owned && record.outcome() != Outcome.IGNORED
                ? new WindowKey(owner.tenant(), ipOf(record, owner), record.provider(), WindowKey.windowStart(record.loggedAt(), window))
                : null;
        long hash = owned && teachesOrigin(record) ? record.messageHash() : MessageIds.NONE;
        return new Attributed(record, owner, event, lane, cell, hash, hash != MessageIds.NONE && learnOrigins);
    }

    /**
     * The records of a batch that tell who sent their message, in batch order, with their hashes in an
     * array of their own: finding the few hashes the batch's remote bounces look for reads the array,
     * not every record.
     */
    private static final class Teachers {
        private long[] hashes;
        private final List<Attributed> items;

        Teachers(int expected) {
            hashes = new long[Math.max(expected, 16)];
            items = new ArrayList<>(expected);
        }

        void add(Attributed item) {
            if (items.size() == hashes.length) {
                hashes = java.util.Arrays.copyOf(hashes, hashes.length * 2);
            }
            hashes[items.size()] = item.messageHash;
            items.add(item);
        }

        /** Hands each record whose hash is sought to {@code found}, in batch order (the last one of a hash wins a map). */
        void find(Set<Long> sought, Consumer<Attributed> found) {
            long[] sorted = sought.stream().mapToLong(Long::longValue).sorted().toArray();
            for (int i = 0; i < items.size(); i++) {
                if (java.util.Arrays.binarySearch(sorted, hashes[i]) >= 0) {
                    found.accept(items.get(i));
                }
            }
        }
    }

    /** The records of one batch and what the commit found; reset before each (re)try of the transaction. */
    private static final class Batch {
        final Map<UUID, Attributed> records;
        /** The keys of the records, by lane ({@link IngestChunk#laneOf}): what the commit claims. */
        final Map<String, List<UUID>> keysByLane;
        /** The records that teach a sender (see {@link Attributed#messageHash}). */
        final Teachers teachers;
        /** The keys of the records naming no IP or vmta but a Message-ID: attributed by it in the commit. */
        final List<UUID> wanting;
        /** The accepted records by kind, for the metrics (counted in the commit's loop, not in a pass of their own). */
        final Map<RecordKind, long[]> kinds = new HashMap<>();
        long acceptedCount;
        long duplicateCount;
        long unattributedCount;
        Instant newest;

        /** The same record more than once within the batch itself. */
        final long repeatedInBatch;

        Batch(Map<UUID, Attributed> records, Map<String, List<UUID>> keysByLane, Teachers teachers, List<UUID> wanting,
              long repeatedInBatch) {
            this.records = records;
            this.keysByLane = keysByLane;
            this.teachers = teachers;
            this.wanting = wanting;
            this.repeatedInBatch = repeatedInBatch;
        }

        void count(InterpretedRecord record) {
            kinds.computeIfAbsent(new RecordKind(record.type(), record.outcome(), record.provider()), k -> new long[1])[0]++;
        }

        void reset() {
            kinds.clear();
            acceptedCount = 0;
            duplicateCount = repeatedInBatch;
            unattributedCount = 0;
            newest = null;
        }
    }
}

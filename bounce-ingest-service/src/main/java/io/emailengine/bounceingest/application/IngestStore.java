package io.emailengine.bounceingest.application;

import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.RejectedLine;
import io.emailengine.bounceingest.domain.WindowCounts;
import io.emailengine.bounceingest.domain.WindowKey;
import io.emailengine.events.types.VirtualMtaName;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Port: what ingestion persists. Every method runs in the caller's transaction. */
public interface IngestStore {

    long startBatch(String source, String channel, Instant at);

    void finishBatch(long batchId, IngestSummary summary, Instant at);

    /**
     * Locks the lanes of these keys until the transaction ends (a concurrent batch of the same lane
     * waits) and returns those an earlier batch remembered: the duplicates (usually none). The others
     * are remembered with {@link #remember} in the same transaction.
     *
     * @param keysByLane the batch's record keys by lane ({@link IngestChunk#laneOf})
     */
    Set<UUID> claimRemembered(Map<String, List<UUID>> keysByLane);

    /** Remembers the new keys of each lane, with who sent the lane's records and the Message-IDs they teach. */
    void remember(Collection<IngestChunk> chunks, Instant at);

    /** Adds to the counters of each window cell not yet reported (a reported cell starts again from zero). */
    void addCounts(Map<WindowKey, WindowCounts> counts, Map<WindowKey, VirtualMtaName> vmtas, Duration window);

    void quarantine(String source, long batchId, List<RejectedLine> lines, Instant at);

    void keepUnattributed(String source, long batchId, List<Unattributed> records, Instant at);

    /** Removes and returns the records kept aside for this IP (or, naming no IP, for this vmta). */
    List<AccountingRecord> takeUnattributed(String ip, String vmta);

    /** Locks (skipping rows another replica holds) up to {@code limit} cells with pending counts whose window ended. */
    List<PendingWindow> lockPendingWindows(Instant endedBy, int limit);

    /** Deletes the counters just reported. */
    void markReported(List<PendingWindow> windows);

    /** Forgets dedupe keys (and what they taught) remembered before this; a record re-sent after that would count again. */
    int forgetKeysBefore(Instant cutoff);

    /** The newest origin of each of these Message-ID hashes ({@link io.emailengine.bounceingest.domain.MessageIds#hashOf}); unknown ones are absent. */
    Map<Long, MessageOrigin> originsOf(Collection<Long> messageHashes);

    /** Forgets the message origins learnt before this (by whole runs: see {@link #compactMessageOrigins}); returns how many. */
    long forgetOriginsBefore(Instant cutoff);

    /**
     * Merges the Message-ID runs that batches remembered into fewer, larger ones, in the background,
     * so that a lookup reads a few rows per level; a merged run spans at most {@code longestRun} of
     * learning time (runs are forgotten whole). Returns the entries merged; does nothing when this
     * instance remembered nothing since it last found nothing to merge.
     */
    long compactMessageOrigins(Duration longestRun);
}

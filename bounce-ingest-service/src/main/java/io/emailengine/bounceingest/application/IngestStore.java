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

    /** Records the keys; returns those not seen before (the others are duplicates). */
    Set<UUID> claimNew(Collection<UUID> keys, Instant at);

    /** Adds to the pending (not yet reported) counters of each window cell. */
    void addCounts(Map<WindowKey, WindowCounts> counts, Map<WindowKey, VirtualMtaName> vmtas, Duration window);

    void quarantine(String source, long batchId, List<RejectedLine> lines, Instant at);

    void keepUnattributed(String source, long batchId, List<Unattributed> records, Instant at);

    /** Removes and returns the records kept aside for this IP (or, naming no IP, for this vmta). */
    List<AccountingRecord> takeUnattributed(String ip, String vmta);

    /** Locks (skipping rows another replica holds) up to {@code limit} cells with pending counts whose window ended. */
    List<PendingWindow> lockPendingWindows(Instant endedBy, int limit);

    /** Zeroes the pending counters just reported. */
    void markReported(List<PendingWindow> windows, Instant at);

    /** Forgets dedupe keys older than this; a record re-sent after that would count again. */
    int forgetKeysBefore(Instant cutoff);

    /** Remembers who sent these messages (appended; for a Message-ID learnt twice the newest wins). */
    void learnOrigins(Collection<MessageOrigin> origins, Instant at);

    /** The newest origin of each of these normalised Message-IDs; unknown ones are absent. */
    Map<String, MessageOrigin> originsOf(Collection<String> messageIds);

    /** Forgets message origins learnt before this. */
    int forgetOriginsBefore(Instant cutoff);
}

package io.emailengine.bounceingest.application;

import java.time.Instant;
import java.util.List;

/** Port: reading back quarantined lines (admin API). */
public interface QuarantineQuery {

    /** Newest first, ids below {@code beforeId} (null for the newest page). */
    List<QuarantinedLine> quarantined(String source, Long beforeId, int limit);

    record QuarantinedLine(long id, String source, long batchId, long line, String reason, String excerpt, Instant receivedAt) {
    }
}

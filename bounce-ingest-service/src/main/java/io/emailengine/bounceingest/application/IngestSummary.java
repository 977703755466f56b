package io.emailengine.bounceingest.application;

import java.util.List;

/**
 * The answer to one ingested input.
 *
 * @param accepted     new records taken in (attributed or kept as unattributed)
 * @param duplicates   records seen before (same record key)
 * @param rejected     lines that could not be taken (each one is quarantined)
 * @param unattributed of the accepted, those kept aside because no tenant owns their IP
 * @param errors       the first rejected lines with line number and reason (all are quarantined)
 */
public record IngestSummary(long accepted, long duplicates, long rejected, long unattributed, List<LineError> errors) {

    public record LineError(long line, String reason) {
    }
}

package io.emailengine.bounceingest.domain;

import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.VirtualMtaName;
import java.time.Instant;
import java.util.UUID;

/**
 * An accounting record read and classified, before attribution to a tenant.
 *
 * @param ip   the source IP of the delivery or complaint; null when the record has none (rb, rs)
 * @param vmta the virtual MTA named by the record; null when absent or not a valid name
 * @param messageHash {@link MessageIds#hashOf} of {@code messageId}: {@link MessageIds#NONE} when the record names none
 */
public record InterpretedRecord(
        UUID key,
        long line,
        RecordType type,
        Instant loggedAt,
        SendingIp ip,
        VirtualMtaName vmta,
        Provider provider,
        Classification classification,
        String recipient,
        String dsnStatus,
        String diagnostic,
        String bounceCategory,
        String messageId,
        long messageHash,
        String jobId,
        AccountingRecord raw) {

    public Outcome outcome() {
        return classification.outcome();
    }
}

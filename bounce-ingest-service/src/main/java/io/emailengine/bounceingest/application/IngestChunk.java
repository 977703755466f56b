package io.emailengine.bounceingest.application;

import io.emailengine.bounceingest.domain.InterpretedRecord;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import java.util.Arrays;
import java.util.UUID;

/**
 * What one committed batch ingested from one lane: its new record keys (the dedupe memory) and,
 * when the lane's owner is known, the Message-IDs its delivery attempts taught (who sent them).
 *
 * <p>A lane is the sending IP and virtual MTA as the records name them. The lane is part of the
 * record, so a record has the same lane however and however often it arrives; records of one lane
 * were sent by one IP of one owner, which is what lets one row carry the origin of all its
 * Message-IDs. Keys are kept in PostgreSQL's {@code uuid} order (unsigned bytes).
 *
 * @param keys          the lane's new keys, sorted
 * @param tenant        null when the lane's records are not attributed (they teach no origin)
 * @param messageHashes {@link io.emailengine.bounceingest.domain.MessageIds#hash} of the Message-IDs taught; empty when none
 */
public record IngestChunk(String lane, UUID[] keys, TenantId tenant, SendingIp ip, VirtualMtaName vmta, long[] messageHashes) {

    public IngestChunk {
        if (keys.length == 0) {
            throw new IllegalArgumentException("a chunk holds at least one key");
        }
    }

    /** The lane of a record: {@code ip|vmta}, either part empty when the record names none. */
    public static String laneOf(InterpretedRecord record) {
        String ip = record.ip() == null ? "" : record.ip().value();
        String vmta = record.vmta() == null ? "" : record.vmta().value();
        return ip + "|" + vmta;
    }

    /** PostgreSQL's order of uuid values: their 16 bytes compared unsigned. */
    public static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** Sorts the keys in place into {@link #compare} order and returns them. */
    public static UUID[] sort(UUID[] keys) {
        Arrays.sort(keys, IngestChunk::compare);
        return keys;
    }
}

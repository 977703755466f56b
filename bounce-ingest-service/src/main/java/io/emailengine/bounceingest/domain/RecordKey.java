package io.emailengine.bounceingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * The identity of one accounting record, independent of how it arrived: the same record posted as
 * CSV (any column order, union header) or JSON, or pulled over SFTP, gets the same key. It is the
 * dedupe key and the id of the BounceReceived event, so a re-post publishes nothing new.
 * All non-empty columns take part (sorted by name), with {@code timeLogged} normalised to epoch
 * seconds; two attempts for one recipient in the same second still differ by diagnostic or queue.
 */
public final class RecordKey {

    private RecordKey() {
    }

    public static UUID of(AccountingRecord record, Instant loggedAt) {
        Map<String, String> fields = record.fields();
        String[] names = fields.keySet().toArray(String[]::new);
        Arrays.sort(names);
        // One canonical text, encoded and hashed once: far cheaper than one digest update per column.
        StringBuilder canonical = new StringBuilder(1024);
        for (String name : names) {
            String value = "timeLogged".equals(name) ? Long.toString(loggedAt.getEpochSecond()) : fields.get(name);
            canonical.append(name).append('\u0001').append(value).append('\u0000');
        }
        byte[] hash = sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[8 + i] & 0xff);
        }
        // RFC 9562 version 8 (custom, hash-derived) and the IETF variant, so the value is a valid UUID.
        msb = (msb & 0xffffffffffff0fffL) | 0x0000000000008000L;
        lsb = (lsb & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(RecordKey::newSha256);

    private static MessageDigest sha256() {
        return SHA256.get();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

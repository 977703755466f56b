package io.emailengine.bounceingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The identity of one accounting record, independent of how it arrived: the same record posted as
 * CSV (any column order, union header) or JSON, or pulled over SFTP, gets the same key. It is the
 * dedupe key and the id of the BounceReceived event, so a re-post publishes nothing new.
 * All non-empty columns take part (sorted by name), with {@code timeLogged} normalised to epoch
 * seconds; two attempts for one recipient in the same second still differ by diagnostic or queue.
 * The key starts with the log time, so keys of one file are nearly ordered (cheap to index) while
 * 74 bits of SHA-256 tell apart the records of one millisecond.
 */
public final class RecordKey {

    private RecordKey() {
    }

    public static UUID of(AccountingRecord record, Instant loggedAt) {
        // One canonical text, UTF-8 encoded into a reused buffer and hashed once: far cheaper than one
        // digest update per column or a String built per record. The readers hand out the columns in
        // name order already (a header's columns are sorted once); other maps are sorted here.
        Canonical out = CANONICAL.get();
        if (!out.fill(record.fields().entrySet(), loggedAt)) {
            TreeMap<String, String> sorted = new TreeMap<>(record.fields());
            out.fill(sorted.entrySet(), loggedAt);
        }
        MessageDigest sha256 = sha256();
        sha256.update(out.bytes, 0, out.length);
        byte[] hash = sha256.digest();
        // The first 48 bits are the record's log time in milliseconds (as in a version 7 UUID), the rest
        // comes from the hash: keys of records logged together sit together in the dedupe table's
        // B-tree, so inserting them touches a few pages at its right edge instead of random ones.
        long msb = loggedAt.toEpochMilli() << 16;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = (lsb << 8) | (hash[8 + i] & 0xff);
        }
        msb |= ((hash[0] & 0xff) << 8) | (hash[1] & 0xff);
        // RFC 9562 version 8 (custom: time-ordered, hash-derived) and the IETF variant, so the value is a valid UUID.
        msb = (msb & 0xffffffffffff0fffL) | 0x0000000000008000L;
        lsb = (lsb & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

    /** A growable byte buffer holding the UTF-8 of the canonical text. */
    private static final class Canonical {
        byte[] bytes = new byte[2048];
        int length;

        /** @return false (and an unusable buffer) when the entries are not in name order */
        boolean fill(Iterable<Map.Entry<String, String>> entries, Instant loggedAt) {
            length = 0;
            String previous = null;
            for (Map.Entry<String, String> entry : entries) {
                String name = entry.getKey();
                if (previous != null && previous.compareTo(name) > 0) {
                    return false;
                }
                previous = name;
                append(name);
                put((byte) 1);
                append("timeLogged".equals(name) ? Long.toString(loggedAt.getEpochSecond()) : entry.getValue());
                put((byte) 0);
            }
            return true;
        }

        void put(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = b;
        }

        void append(String text) {
            // For ASCII text the JDK's encoder is a plain array copy.
            byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
            if (length + encoded.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + encoded.length));
            }
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
        }
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

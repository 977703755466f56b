package io.emailengine.bounceingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
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
        // digest update per column or a String built per record. A CSV record walks its header's
        // columns in name order (sorted once per header); a map is sorted here unless already in order.
        Canonical out = CANONICAL.get();
        long seconds = loggedAt.getEpochSecond();
        AccountingRecord.Columns columns = record.columns();
        if (columns != null) {
            out.fill(record, columns, seconds);
        } else if (!out.fill(record.fields().entrySet(), seconds)) {
            TreeMap<String, String> sorted = new TreeMap<>(record.fields());
            out.fill(sorted.entrySet(), seconds);
        }
        byte[] hash = out.hash();
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

    private static final String TIME_LOGGED = "timeLogged";
    private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

    /**
     * The UTF-8 of the canonical text in a growable buffer, and the digest that hashes it; one per
     * thread, so a record costs no allocation here but the UUID.
     */
    private static final class Canonical {
        /** From this length on, a value is encoded by the JDK (see {@link #append}). */
        private static final int LONG_VALUE = 24;
        private final MessageDigest sha256 = newSha256();
        private final byte[] hash = new byte[32];
        byte[] bytes = new byte[2048];
        int length;

        /** The columns of a CSV record in name order; the names' UTF-8 is computed once per header. */
        void fill(AccountingRecord record, AccountingRecord.Columns columns, long loggedAtSeconds) {
            length = 0;
            int timeLogged = columns.indexOf(TIME_LOGGED);
            for (int i : columns.byName) {
                String value = record.value(i);
                if (value == null) {
                    continue;
                }
                byte[] name = columns.utf8Names[i];
                // Room for the name, both separators and the value at 3 bytes a char (its UTF-8 worst case).
                ensure(name.length + 2 + Math.max(3 * value.length(), 20));
                System.arraycopy(name, 0, bytes, length, name.length);
                length += name.length;
                bytes[length++] = 1;
                if (i == timeLogged) {
                    putDecimal(loggedAtSeconds);
                } else {
                    append(value);
                }
                bytes[length++] = 0;
            }
        }

        /** @return false (and an unusable buffer) when the entries are not in name order */
        boolean fill(Iterable<Map.Entry<String, String>> entries, long loggedAtSeconds) {
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
                if (TIME_LOGGED.equals(name)) {
                    putDecimal(loggedAtSeconds);
                } else {
                    append(entry.getValue());
                }
                put((byte) 0);
            }
            return true;
        }

        byte[] hash() {
            sha256.update(bytes, 0, length);
            try {
                sha256.digest(hash, 0, hash.length);
            } catch (DigestException e) {
                throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
            }
            return hash;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }

        /** What {@code Long.toString(value)} encodes, without the String. */
        void putDecimal(long value) {
            if (value < 0 || value >= 1_000_000_000_000_000L) {
                append(Long.toString(value));
                return;
            }
            int digits = 1;
            for (long bound = 10; value >= bound; bound *= 10) {
                digits++;
            }
            ensure(digits);
            long rest = value;
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            length += digits;
        }

        /**
         * UTF-8 of the text: a short ASCII value (almost every value) copied char by char; a longer one
         * through the JDK's encoder, which copies an ASCII string's bytes at once (vectorised) and is
         * faster from a few dozen characters on despite the array it returns.
         */
        void append(String text) {
            int n = text.length();
            if (n >= LONG_VALUE) {
                put(text.getBytes(StandardCharsets.UTF_8));
                return;
            }
            ensure(n);
            byte[] b = bytes;
            int start = length;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    put(text.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                b[start + i] = (byte) c;
            }
            length = start + n;
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

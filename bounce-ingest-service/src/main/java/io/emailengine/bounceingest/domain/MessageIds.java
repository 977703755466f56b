package io.emailengine.bounceingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Message-IDs as keys of the origin map: the same message is named {@code <id@host>} in one record
 * and {@code id@host} or with surrounding blanks in another (a feedback report, a DSN), so the key is
 * the text between the angle brackets. Message-IDs are case-sensitive (RFC 5322), so case is kept.
 */
public final class MessageIds {

    /** RFC 5322 bounds a header line to 998 characters; anything longer is not a Message-ID worth keeping. */
    public static final int MAX_LENGTH = 998;

    private MessageIds() {
    }

    /** The key, or null when the value is empty or too long to be a Message-ID. */
    public static String normalise(String messageId) {
        if (messageId == null) {
            return null;
        }
        String id = messageId.trim();
        if (id.length() >= 2 && id.charAt(0) == '<' && id.charAt(id.length() - 1) == '>') {
            id = id.substring(1, id.length() - 1).trim();
        }
        return id.isEmpty() || id.length() > MAX_LENGTH ? null : id;
    }

    /**
     * The first 64 bits of the SHA-256 of a normalised id: what the origin map stores (not the text).
     * It must resist a sender choosing a Message-ID that collides with another tenant's message (a
     * plain hash such as FNV would not): finding an id for a given hash takes about 2^64 trials, and
     * two of the millions of stored ids collide by chance with odds of about n / 2^64 per lookup.
     */
    public static long hash(String normalised) {
        byte[] utf8 = normalised.getBytes(StandardCharsets.UTF_8);
        return HASHER.get().first64(utf8, utf8.length);
    }

    /** What {@link #hashOf} returns for a value that is no Message-ID. */
    public static final long NONE = 0;

    /**
     * {@code hash(normalise(messageId))}, or {@link #NONE} when that is null, without building the
     * normalised text: the UTF-8 of the id is written into a buffer of the thread and hashed there.
     * Every delivery carries a Message-ID, so this runs for nearly every record. (A real hash of 0,
     * one chance in 2^64, makes its message one whose origin is not learnt.)
     */
    public static long hashOf(String messageId) {
        if (messageId == null) {
            return NONE;
        }
        int start = 0;
        int end = messageId.length();
        while (start < end && messageId.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && messageId.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start >= 2 && messageId.charAt(start) == '<' && messageId.charAt(end - 1) == '>') {
            start++;
            end--;
            while (start < end && messageId.charAt(start) <= ' ') {
                start++;
            }
            while (end > start && messageId.charAt(end - 1) <= ' ') {
                end--;
            }
        }
        int length = end - start;
        if (length == 0 || length > MAX_LENGTH) {
            return NONE;
        }
        Hasher hasher = HASHER.get();
        byte[] bytes = hasher.bytes;
        for (int i = 0; i < length; i++) {
            char c = messageId.charAt(start + i);
            if (c >= 0x80) {
                return hash(messageId.substring(start, end));
            }
            bytes[i] = (byte) c;
        }
        return hasher.first64(bytes, length);
    }

    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    /** A thread's digest and buffers: an ASCII id of up to {@link #MAX_LENGTH} characters and its digest. */
    private static final class Hasher {
        final MessageDigest sha256 = newSha256();
        final byte[] bytes = new byte[MAX_LENGTH];
        final byte[] digest = new byte[32];

        /** The first 64 bits of the SHA-256 of {@code input[0, length)}. */
        long first64(byte[] input, int length) {
            sha256.update(input, 0, length);
            try {
                sha256.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
            }
            long hash = 0;
            for (int i = 0; i < 8; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
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

package io.emailengine.bounceingest.domain;

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

    /** A 64-bit FNV-1a hash of a normalised id: what the origin table is indexed by (the text is compared too). */
    public static long hash(String normalised) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < normalised.length(); i++) {
            hash ^= normalised.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}

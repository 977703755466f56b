package io.emailengine.warmup.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DKIM rule of DNS readiness: the TXT records at {@code selector._domainkey.domain} must carry a
 * public key ({@code p=}), and when the engine generated the key, exactly that key. Keys are compared
 * as decoded bytes, so whitespace inside the base64 (RFC 6376 allows folding) and the split into
 * 255-character strings don't matter.
 */
public final class DkimKeyMatch {

    /** A base64 value shorter than this cannot be an RSA or Ed25519 key. */
    private static final int MIN_KEY_CHARS = 16;

    private DkimKeyMatch() {
    }

    public enum Outcome { MATCHES, DIFFERENT_KEY, NO_KEY }

    /**
     * @param txtValues the TXT records at the selector, each already the concatenation of its strings
     * @param expected  the base64 key the engine generated, or null when unknown
     */
    public static Outcome compare(List<String> txtValues, String expected) {
        List<String> keys = txtValues.stream().map(DkimKeyMatch::publicKey).flatMap(Optional::stream).toList();
        if (keys.isEmpty()) {
            return Outcome.NO_KEY;
        }
        if (expected == null) {
            return Outcome.MATCHES;
        }
        byte[] wanted = decode(expected);
        return keys.stream().anyMatch(key -> sameKey(key, expected, wanted)) ? Outcome.MATCHES : Outcome.DIFFERENT_KEY;
    }

    /** The {@code p=} tag value of one DKIM TXT record with all whitespace removed; empty if there is none (or it is revoked). */
    public static Optional<String> publicKey(String txtValue) {
        for (String tag : txtValue.split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0 && tag.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("p")) {
                String value = tag.substring(eq + 1).replaceAll("\\s+", "");
                return value.length() >= MIN_KEY_CHARS ? Optional.of(value) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code sha256:} and the first 16 hex characters of SHA-256 over the decoded key, for messages. */
    public static String fingerprint(String base64Key) {
        byte[] bytes = decode(base64Key);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(bytes != null ? bytes : base64Key.getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static boolean sameKey(String found, String expected, byte[] wanted) {
        byte[] got = decode(found);
        return wanted != null && got != null ? Arrays.equals(wanted, got) : found.equals(expected);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package io.emailengine.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Something an operator must know, firing or resolved; deduplicated by fingerprint. */
public record AlertRaised(
        String fingerprint,
        Severity severity,
        String source,
        String summary,
        @OptionalField String details,
        Map<String, String> labels,
        AlertStatus status) implements EventPayload {

    public static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public AlertRaised {
        Fields.matching(fingerprint, FINGERPRINT, "AlertRaised.fingerprint");
        Fields.required(severity, "AlertRaised.severity");
        Fields.matching(source, Fields.CODE, "AlertRaised.source");
        Fields.requiredText(summary, "AlertRaised.summary");
        details = Fields.optionalText(details);
        labels = Fields.sortedCopy(labels, "AlertRaised.labels");
        labels.keySet().forEach(key -> Fields.matching(key, Fields.CODE, "AlertRaised.labels key"));
        Fields.required(status, "AlertRaised.status");
    }

    /**
     * The identity of an alert: the same condition on the same subject gives the same fingerprint
     * in every service and replica, so firing and resolved events pair up. Each part is length-prefixed
     * so that no choice of values can make two different inputs hash alike by shifting a separator.
     *
     * @return 32 lowercase hex characters (the first 16 bytes of SHA-256)
     */
    public static String fingerprintOf(String source, String kind, Map<String, String> labels) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, Fields.required(source, "source"));
        append(canonical, Fields.required(kind, "kind"));
        new TreeMap<>(Fields.required(labels, "labels")).forEach((key, value) -> {
            append(canonical, key);
            append(canonical, Fields.required(value, "labels." + key));
        });
        byte[] digest = sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
    }

    @Override
    public String partitionKey() {
        return fingerprint;
    }

    private static void append(StringBuilder canonical, String part) {
        canonical.append(part.length()).append(':').append(part);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}

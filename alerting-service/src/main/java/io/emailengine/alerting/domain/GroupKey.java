package io.emailengine.alerting.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Identity of a notification group: tenant, destination (the route) and the grouped-by value. */
public final class GroupKey {

    private GroupKey() {
    }

    public static String of(String tenant, Destination destination, String groupValue) {
        String canonical = part(tenant == null ? "" : tenant) + part(Long.toString(destination.chatId()))
                + part(destination.threadId() == null ? "" : destination.threadId().toString())
                + part(Boolean.toString(destination.silent())) + part(groupValue);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "g-" + HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    private static String part(String value) {
        return value.length() + ":" + value;
    }
}

package io.emailengine.simulator.mailwizz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PHP does with a query string or an {@code application/x-www-form-urlencoded} body, because MailWizz is
 * PHP: {@code parse_str} (the server side) and {@code http_build_query} + {@code ksort(SORT_STRING)} (to recompute
 * the 1.x signature from the parsed parameters, as MailWizz does).
 *
 * <p>Parsed values are {@link String} or nested {@code Map<String, Object>} (PHP arrays), in arrival order.
 */
final class PhpForm {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PhpForm() {
    }

    /**
     * PHP {@code parse_str}: {@code &}-separated pairs, {@code urldecode} ({@code +} is a space, a malformed
     * {@code %} sequence stays as it is), bracket notation {@code a[b][]=v} as nested arrays ({@code []} appends
     * at the next integer index), the last duplicate wins, and in the top-level name leading spaces are dropped
     * and {@code .}, space and an unclosed {@code [} become {@code _}.
     */
    static Map<String, Object> parse(String raw) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = urldecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : urldecode(pair.substring(eq + 1));
            put(result, key, value);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> result, String rawKey, String value) {
        String key = rawKey.stripLeading();
        int bracket = key.indexOf('[');
        String top = bracket < 0 ? key : key.substring(0, bracket);
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (bracket >= 0) {
            int i = bracket;
            while (i < key.length() && key.charAt(i) == '[') {
                int close = key.indexOf(']', i);
                if (close < 0) {
                    if (parts.isEmpty()) {
                        // an unclosed first bracket is part of the name, as '_'
                        top = key.substring(0, bracket) + "_" + key.substring(bracket + 1);
                    }
                    break;
                }
                parts.add(key.substring(i + 1, close));
                i = close + 1;
            }
        }
        top = phpVariableName(top);
        if (top.isEmpty()) {
            return;
        }
        if (parts.isEmpty()) {
            result.put(top, value);
            return;
        }
        Map<String, Object> current = result;
        String name = top;
        for (String part : parts) {
            Object existing = current.get(name);
            Map<String, Object> child;
            if (existing instanceof Map<?, ?> map) {
                child = (Map<String, Object>) map;
            } else {
                child = new LinkedHashMap<>();
                current.put(name, child);
            }
            current = child;
            name = part.isEmpty() ? Long.toString(nextIndex(child)) : part;
        }
        current.put(name, value);
    }

    /** PHP turns '.', ' ' (and '[' handled above) in a top-level variable name into '_'. */
    private static String phpVariableName(String name) {
        return name.replace('.', '_').replace(' ', '_');
    }

    private static long nextIndex(Map<String, Object> array) {
        long next = 0;
        for (String key : array.keySet()) {
            try {
                next = Math.max(next, Long.parseLong(key) + 1);
            } catch (NumberFormatException notAnIndex) {
                // string keys do not move PHP's next index
            }
        }
        return next;
    }

    /** PHP {@code urldecode}: {@code +} → space, {@code %XX} → byte, anything else (incl. a bad {@code %}) kept. */
    static String urldecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** PHP {@code urlencode}: {@code [A-Za-z0-9._-]} kept, space as {@code +}, every other UTF-8 byte as {@code %XX}. */
    static String urlencode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** PHP {@code http_build_query($params)} in the map's order; nested maps in bracket notation. */
    static String build(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((key, value) -> append(out, urlencode(key), value));
        return out.toString();
    }

    private static void append(StringBuilder out, String encodedKey, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> append(out, encodedKey + "%5B" + urlencode(String.valueOf(k)) + "%5D", v));
            return;
        }
        if (!out.isEmpty()) {
            out.append('&');
        }
        out.append(encodedKey).append('=').append(urlencode(value.toString()));
    }

    /** PHP {@code ksort($params, SORT_STRING)}: top level only, keys by unsigned UTF-8 bytes. */
    static Map<String, Object> ksort(Map<String, ?> params) {
        Map<String, Object> sorted = new TreeMap<>((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        sorted.putAll(params);
        return sorted;
    }

    /** A flat text value of a parsed parameter, or null when absent or an array. */
    static String text(Map<String, Object> params, String... path) {
        Object current = params;
        for (String name : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current instanceof String s ? s : null;
    }
}

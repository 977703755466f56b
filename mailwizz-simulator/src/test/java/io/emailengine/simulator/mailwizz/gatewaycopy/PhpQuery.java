package io.emailengine.simulator.mailwizz.gatewaycopy;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Verbatim copy of mailwizz-gateway's PhpQuery (main code), to sign test requests exactly as the gateway does.
 *
 * <p>
 * PHP's {@code http_build_query($params, '', '&')} and {@code ksort($params, SORT_STRING)}, byte for
 * byte, because MailWizz 1.x signs the query string PHP builds: a single differently encoded character
 * makes the signature fail. {@link java.net.URLEncoder} is not a substitute: it leaves {@code *}
 * unencoded where PHP's {@code urlencode} writes {@code %2A}.
 *
 * <p>Values may be {@link CharSequence}, {@link Number}, {@link Boolean} ({@code 1}/{@code 0}, as PHP),
 * nested {@link Map} or {@link List} (PHP bracket notation {@code a%5Bb%5D=v}, list indexes from 0);
 * {@code null} values and empty nested maps are skipped, exactly as PHP does.
 */
public final class PhpQuery {

    /** PHP {@code ksort(SORT_STRING)}: keys compared as unsigned bytes of their UTF-8 form (uppercase before lowercase). */
    public static final Comparator<String> BYTE_ORDER = PhpQuery::compareBytes;

    private PhpQuery() {
    }

    /** {@code http_build_query}; iteration order of the map is kept, as PHP keeps array order. */
    public static String build(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((key, value) -> append(out, encode(key), value));
        return out.toString();
    }

    /** {@code ksort($params, SORT_STRING)} of the top level only (PHP's ksort is not recursive). */
    public static Map<String, Object> ksort(Map<String, ?> params) {
        Map<String, Object> sorted = new TreeMap<>(BYTE_ORDER);
        sorted.putAll(params);
        return sorted;
    }

    /** PHP {@code urlencode}: {@code [A-Za-z0-9._-]} kept, space as {@code +}, every other UTF-8 byte as {@code %XX}. */
    public static String encode(String text) {
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

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void append(StringBuilder out, String encodedKey, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> append(out, encodedKey + "%5B" + encode(String.valueOf(k)) + "%5D", v));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                append(out, encodedKey + "%5B" + i + "%5D", list.get(i));
            }
        } else {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encodedKey).append('=').append(encode(scalar(value)));
        }
    }

    private static String scalar(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Character) {
            return value.toString();
        }
        throw new IllegalArgumentException("unsupported form value type " + value.getClass().getSimpleName());
    }

    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }
}

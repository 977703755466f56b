package io.emailengine.simulator.mailwizz.gatewaycopy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verbatim copy of mailwizz-gateway's RequestSigner (main code), to sign test requests exactly as the gateway does.
 *
 * <p>
 * The MailWizz 1.x request signature, as the official 1.x SDK computes it and the server verifies it:
 * <ol>
 *   <li>map = {@code X-MW-PUBLIC-KEY}, {@code X-MW-TIMESTAMP}, {@code X-MW-REMOTE-ADDR} + all body params;</li>
 *   <li>top-level keys sorted by byte order (PHP {@code ksort SORT_STRING});</li>
 *   <li>encoded with PHP {@code http_build_query} ({@link PhpQuery});</li>
 *   <li>url = endpoint URL + {@code ?} + the byte-order sorted, encoded GET params, if any;</li>
 *   <li>string = {@code METHOD + " " + url + sep + bodyQuery}, sep {@code &} when GET params were appended, else {@code ?};</li>
 *   <li>signature = lowercase hex HMAC-SHA1(private key, string).</li>
 * </ol>
 * An empty remote address is treated like PHP's {@code null}: it is neither sent nor signed, because
 * {@code http_build_query} skips null values on both sides.
 */
public final class RequestSigner {

    public static final String PUBLIC_KEY = "X-MW-PUBLIC-KEY";
    public static final String TIMESTAMP = "X-MW-TIMESTAMP";
    public static final String REMOTE_ADDR = "X-MW-REMOTE-ADDR";
    public static final String SIGNATURE = "X-MW-SIGNATURE";

    private RequestSigner() {
    }

    /** The URL actually requested: endpoint plus the sorted, PHP-encoded GET params. */
    public static String urlWithQuery(String endpointUrl, Map<String, ?> getParams) {
        String url = stripTrailingSlash(endpointUrl);
        if (getParams == null || getParams.isEmpty()) {
            return url;
        }
        String query = PhpQuery.build(PhpQuery.ksort(getParams));
        return query.isEmpty() ? url : url + "?" + query;
    }

    /** The exact string that is HMAC'd; exposed so tests can pin it with golden values. */
    public static String stringToSign(String method, String endpointUrl, Map<String, ?> getParams, Map<String, ?> bodyParams,
                                      String publicKey, long timestamp, String remoteAddr) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put(PUBLIC_KEY, publicKey);
        signed.put(TIMESTAMP, Long.toString(timestamp));
        signed.put(REMOTE_ADDR, remoteAddr == null || remoteAddr.isEmpty() ? null : remoteAddr);
        if (bodyParams != null) {
            signed.putAll(bodyParams);
        }
        String url = urlWithQuery(endpointUrl, getParams);
        String separator = url.indexOf('?') >= 0 ? "&" : "?";
        return method.toUpperCase(java.util.Locale.ROOT) + " " + url + separator + PhpQuery.build(PhpQuery.ksort(signed));
    }

    public static String signature(String privateKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(privateKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime must provide HmacSHA1", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}

package io.emailengine.simulator.mailwizz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MailWizz's API authentication. A 2.x key is taken from {@code X-API-KEY} (or {@code X-MW-PUBLIC-KEY} when that is
 * absent). A 1.x key pair must sign: the server rebuilds the signed string from what it parsed — the three
 * {@code X-MW-*} headers plus the body parameters, {@code ksort}ed and {@code http_build_query}'d, appended to
 * {@code METHOD + " " + url} where url is the requested URL with its sorted GET parameters — and compares
 * HMAC-SHA1 hex. Every failure is HTTP 400 with MailWizz's message (there is no 401 in MailWizz).
 */
final class Authenticator {

    static final long MAX_AGE_SECONDS = 900;

    /** The outcome: a customer's key, or the error MailWizz answers. */
    record Result(ApiCredentials key, String scheme, String error) {
        boolean ok() {
            return key != null;
        }
    }

    private final Map<String, ApiCredentials> keys;
    private final Clock clock;

    Authenticator(List<ApiCredentials> credentials, Clock clock) {
        this.keys = credentials.stream().collect(Collectors.toUnmodifiableMap(ApiCredentials::publicKey, Function.identity()));
        this.clock = clock;
    }

    /**
     * @param headers     request headers, names lower-case
     * @param requestUrl  scheme://host[:port]/raw/path as the server sees it (no query)
     * @param getParams   parsed query string
     * @param bodyParams  parsed body
     */
    Result authenticate(String method, Map<String, String> headers, String requestUrl, Map<String, Object> getParams,
                        Map<String, Object> bodyParams) {
        String apiKey = headers.get("x-api-key");
        String publicKey = headers.get("x-mw-public-key");
        if (apiKey != null && !apiKey.isEmpty()) {
            ApiCredentials key = lookup(apiKey);
            if (key == null || key.signed()) {
                return new Result(null, "api-key", "Invalid API key. Please refer to the documentation.");
            }
            return new Result(key, "api-key", null);
        }
        if (publicKey == null || publicKey.isEmpty()) {
            return new Result(null, "none", "Please provide your API key. Please refer to the documentation.");
        }
        ApiCredentials key = lookup(publicKey);
        if (key == null) {
            return new Result(null, headers.containsKey("x-mw-signature") ? "signed" : "api-key",
                    "Invalid API key. Please refer to the documentation.");
        }
        if (!key.signed()) {
            // 2.x: the public key header alone is the API key; a signature is not checked any more
            return new Result(key, "api-key", null);
        }
        String timestamp = headers.get("x-mw-timestamp");
        String signature = headers.get("x-mw-signature");
        if (timestamp == null || signature == null || timestamp.isEmpty() || signature.isEmpty()) {
            return new Result(null, "signed", "Invalid API request params. Please refer to the documentation.");
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return new Result(null, "signed", "Invalid API request params. Please refer to the documentation.");
        }
        if (Math.abs(clock.instant().getEpochSecond() - sent) > MAX_AGE_SECONDS) { // stale, or from the far future
            return new Result(null, "signed", "Your request expired. Please refer to the documentation.");
        }
        String expected = signature(key.privateKey(), stringToSign(method, requestUrl, getParams, bodyParams, publicKey, timestamp,
                headers.get("x-mw-remote-addr")));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Result(null, "signed", "Invalid API request signature. Please refer to the documentation.");
        }
        return new Result(key, "signed", null);
    }

    private ApiCredentials lookup(String presented) {
        return keys.get(presented);
    }

    static String stringToSign(String method, String requestUrl, Map<String, Object> getParams, Map<String, Object> bodyParams,
                               String publicKey, String timestamp, String remoteAddr) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("X-MW-PUBLIC-KEY", publicKey);
        signed.put("X-MW-TIMESTAMP", timestamp);
        // an absent or empty header is PHP null: http_build_query skips it
        signed.put("X-MW-REMOTE-ADDR", remoteAddr == null || remoteAddr.isEmpty() ? null : remoteAddr);
        signed.putAll(bodyParams);
        String url = requestUrl;
        String separator = "?";
        if (!getParams.isEmpty()) {
            url += "?" + PhpForm.build(PhpForm.ksort(getParams));
            separator = "&";
        }
        return method.toUpperCase(Locale.ROOT) + " " + url + separator + PhpForm.build(PhpForm.ksort(signed));
    }

    static String signature(String privateKey, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(privateKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA1", e);
        }
    }
}

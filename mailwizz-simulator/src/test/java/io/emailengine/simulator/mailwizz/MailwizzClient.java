package io.emailengine.simulator.mailwizz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.simulator.mailwizz.gatewaycopy.PhpQuery;
import io.emailengine.simulator.mailwizz.gatewaycopy.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MailWizz client making requests exactly as mailwizz-gateway's MailwizzHttpClient does (same URL building,
 * PHP form body, {@code X-HTTP-Method-Override}, {@code X-API-KEY} or signed {@code X-MW-*} headers — the signing
 * code is a verbatim copy of the gateway's), with knobs to break the signature or the timestamp.
 */
final class MailwizzClient {

    record Response(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String baseUrl;
    private final int apiVersion;
    private final String publicKey;
    private final String privateKey;
    private final String remoteAddr;
    private long timestampShift;
    private boolean tamperSignature;

    private MailwizzClient(String baseUrl, int apiVersion, String publicKey, String privateKey, String remoteAddr) {
        this.baseUrl = baseUrl;
        this.apiVersion = apiVersion;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.remoteAddr = remoteAddr;
    }

    static MailwizzClient apiKey(String baseUrl, String key) {
        return new MailwizzClient(baseUrl, 2, key, null, "");
    }

    static MailwizzClient signed(String baseUrl, String publicKey, String privateKey) {
        return new MailwizzClient(baseUrl, 1, publicKey, privateKey, "");
    }

    static MailwizzClient signed(String baseUrl, String publicKey, String privateKey, String remoteAddr) {
        return new MailwizzClient(baseUrl, 1, publicKey, privateKey, remoteAddr);
    }

    MailwizzClient withTimestampShift(long seconds) {
        MailwizzClient copy = new MailwizzClient(baseUrl, apiVersion, publicKey, privateKey, remoteAddr);
        copy.timestampShift = seconds;
        copy.tamperSignature = tamperSignature;
        return copy;
    }

    MailwizzClient withTamperedSignature() {
        MailwizzClient copy = new MailwizzClient(baseUrl, apiVersion, publicKey, privateKey, remoteAddr);
        copy.timestampShift = timestampShift;
        copy.tamperSignature = true;
        return copy;
    }

    Response get(String path, Map<String, ?> query) {
        return call("GET", path, query, Map.of());
    }

    Response get(String path) {
        return get(path, Map.of());
    }

    Response send(String method, String path, Map<String, ?> body) {
        return call(method, path, Map.of(), body);
    }

    /** Path segments are encoded as the gateway's MailwizzHttpClient.pathSegment does. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private Response call(String method, String path, Map<String, ?> query, Map<String, ?> body) {
        String endpointUrl = baseUrl + path;
        String url = RequestSigner.urlWithQuery(endpointUrl, query);
        boolean hasBody = !"GET".equals(method);
        String form = hasBody ? PhpQuery.build(body) : "";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (hasBody) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
            request.method(method, HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        } else {
            request.GET();
        }
        if ("PUT".equals(method) || "DELETE".equals(method)) {
            request.header("X-HTTP-Method-Override", method);
        }
        if (apiVersion == 2) {
            request.header("X-API-KEY", publicKey);
        } else {
            long timestamp = System.currentTimeMillis() / 1000 + timestampShift;
            String toSign = RequestSigner.stringToSign(method, endpointUrl, query, hasBody ? body : Map.of(), publicKey, timestamp,
                    remoteAddr);
            String signature = RequestSigner.signature(privateKey, toSign);
            if (tamperSignature) {
                signature = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
            }
            request.header(RequestSigner.PUBLIC_KEY, publicKey);
            request.header(RequestSigner.TIMESTAMP, Long.toString(timestamp));
            if (!remoteAddr.isEmpty()) {
                request.header(RequestSigner.REMOTE_ADDR, remoteAddr);
            }
            request.header(RequestSigner.SIGNATURE, signature);
        }
        return send(request.build());
    }

    /** A raw request (for JSON bodies, odd headers). */
    static Response raw(HttpRequest request) {
        return send(request);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> texts(JsonNode records, String... path) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (JsonNode record : records) {
            JsonNode node = record;
            for (String p : path) {
                node = node.path(p);
            }
            out.add(node.asText());
        }
        return out;
    }
}

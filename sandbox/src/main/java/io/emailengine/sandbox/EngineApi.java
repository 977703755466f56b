package io.emailengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The services' REST APIs as an operator (or a script) uses them: JSON over HTTP with an API key. Used by the seed,
 * the dashboard and the end-to-end tests; an answer other than 2xx is an {@link ApiException} carrying the service's
 * error envelope.
 */
public final class EngineApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String baseUrl;
    private final String key;

    public EngineApi(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** The API of one sandbox service with one key. */
    public static EngineApi of(String service, ApiKeySet.ApiKey key) {
        return new EngineApi("http://localhost:" + ServiceProcess.spec(service).port(), key.key());
    }

    /** A non-2xx answer: status and body (the service's error envelope). */
    public static final class ApiException extends IOException {
        private final int status;
        private final String body;

        ApiException(String method, String path, int status, String body) {
            super(method + " " + path + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    public JsonNode get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    public JsonNode post(String path, Object body) throws IOException {
        return send("POST", path, "application/json", body == null ? "" : JSON.writeValueAsString(body));
    }

    public JsonNode put(String path, Object body) throws IOException {
        return send("PUT", path, "application/json", JSON.writeValueAsString(body));
    }

    public JsonNode postText(String path, String text) throws IOException {
        return send("POST", path, "text/plain; charset=utf-8", text);
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String contentType, String body) throws IOException {
        String text = exchange(method, path, contentType, body).body();
        return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
    }

    private HttpResponse<String> exchange(String method, String path, String contentType, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", key)
                .header("Accept", "application/json, text/plain")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " " + path + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(method, path, response.statusCode(), response.body());
        }
        return response;
    }
}

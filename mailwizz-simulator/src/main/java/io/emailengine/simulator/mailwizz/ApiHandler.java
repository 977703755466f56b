package io.emailengine.simulator.mailwizz;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP in front of the API, the way PHP and Yii see a request: the app lives under {@code /api}, with or without
 * {@code index.php}; {@code $_GET} from the query string; {@code $_POST} only from a form body; a PUT/DELETE body as
 * form or JSON; {@code X-HTTP-Method-Override} turns a POST into PUT/DELETE; authentication before anything else.
 */
final class ApiHandler implements HttpHandler {

    static final String CONTEXT = "/api";
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final Set<String> OVERRIDABLE = Set.of("PUT", "DELETE", "PATCH");
    private static final int MAX_BODY = 5 * 1024 * 1024;

    private final Authenticator authenticator;
    private final ApiRoutes routes;
    private final Clock clock;
    private final Consumer<RecordedRequest> recorder;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;

    ApiHandler(Authenticator authenticator, ApiRoutes routes, Clock clock, Consumer<RecordedRequest> recorder) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.clock = clock;
        this.recorder = recorder;
    }

    void failNextRequests(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String appPath = rawPath.substring(CONTEXT.length());
            if (appPath.startsWith("/index.php")) {
                appPath = appPath.substring("/index.php".length());
            }
            List<String> segments = new ArrayList<>();
            for (String segment : appPath.split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(percentDecode(segment));
                }
            }
            String path = "/" + String.join("/", segments);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String override = headers.get("x-http-method-override");
            if (override != null && OVERRIDABLE.contains(override.toUpperCase(Locale.ROOT)) && ("POST".equals(method)
                    || method.equals(override.toUpperCase(Locale.ROOT)))) {
                method = override.toUpperCase(Locale.ROOT);
            }
            byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) { // refused whole, never parsed cut short
                byte[] refused = ("{\"status\":\"error\",\"error\":\"Request body too large.\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(413, refused.length);
                exchange.getResponseBody().write(refused);
                return;
            }
            Map<String, Object> query = PhpForm.parse(exchange.getRequestURI().getRawQuery());
            Map<String, Object> body = body(method, headers.getOrDefault("content-type", ""), new String(raw, StandardCharsets.UTF_8));
            String host = headers.getOrDefault("host", "127.0.0.1");
            Authenticator.Result auth = authenticator.authenticate(method, headers, "http://" + host + rawPath, query, body);
            Answer answer;
            if (!auth.ok()) {
                answer = Answer.error(400, auth.error());
            } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer = Answer.error(failureStatus, failureStatus == 503 ? "The application is currently offline."
                        : "Simulated failure (HTTP " + failureStatus + ").");
            } else {
                answer = routes.handle(new ApiRoutes.Request(method, List.copyOf(segments), query, body, auth.key()));
            }
            recorder.accept(new RecordedRequest(clock.instant(), method, path, auth.scheme(),
                    auth.ok() ? auth.key().customerId() : null, answer.status()));
            send(exchange, answer);
        } catch (RuntimeException e) {
            log.warn("MailWizz simulator failed on a request: {}", e.toString());
            try {
                send(exchange, Answer.error(500, "Internal simulator error."));
            } catch (IOException | RuntimeException ignored) {
                // the answer may already be on its way
            }
        }
    }

    private static Map<String, Object> body(String method, String contentType, String raw) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return PhpForm.parse(raw);
        }
        if (!"POST".equals(method) && type.startsWith("application/json") && !raw.isBlank()) {
            // MailWizz reads PUT/DELETE JSON bodies; a JSON POST body is not parsed by PHP
            try {
                JsonNode json = Answer.JSON.readTree(raw);
                Object value = fromJson(json);
                if (value instanceof Map<?, ?>) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) value;
                    return map;
                }
            } catch (IOException e) {
                return new LinkedHashMap<>();
            }
        }
        return new LinkedHashMap<>();
    }

    private static Object fromJson(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Object value = fromJson(field.getValue());
                if (value != null) {
                    map.put(field.getKey(), value);
                }
            }
            return map;
        }
        if (node.isArray()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < node.size(); i++) {
                Object value = fromJson(node.get(i));
                if (value != null) {
                    map.put(Integer.toString(i), value);
                }
            }
            return map;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "1" : "";
        }
        return node.asText();
    }

    /** A path segment as PHP's router sees it: {@code %XX} decoded, {@code +} kept (it is not a space in a path). */
    static String percentDecode(String segment) {
        return PhpForm.urldecode(segment.replace("+", "%2B"));
    }

    static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = Answer.JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

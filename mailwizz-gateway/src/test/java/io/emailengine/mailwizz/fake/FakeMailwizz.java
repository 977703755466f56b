package io.emailengine.mailwizz.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A MailWizz API speaking the real protocol on a real socket: paths under {@code /api/index.php},
 * {@code X-API-KEY} (2.x) or signed {@code X-MW-*} headers (1.x) — the signature is VERIFIED here with an
 * implementation written independently of the gateway's (JDK URLEncoder with PHP's {@code *} fix, unsigned
 * byte comparison) — PHP's parsing of form bodies (JSON POST bodies are not parsed, as in PHP), the
 * {@code X-HTTP-Method-Override} header on PUT/DELETE, and MailWizz's JSON envelopes and status codes.
 * Auth failures answer 400, as MailWizz does.
 */
public final class FakeMailwizz implements AutoCloseable {

    public static final String PATH_PREFIX = "/api/index.php";

    /** A request as MailWizz's PHP would see it. */
    public record Received(String customer, String method, String path, Map<String, String> query, Map<String, Object> form,
                           Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public record Answer(int status, String json) {
        public static Answer success(String dataJson) {
            return new Answer(200, "{\"status\":\"success\",\"data\":" + dataJson + "}");
        }

        public static Answer error(int status, String text) {
            return new Answer(status, "{\"status\":\"error\",\"error\":\"" + text + "\"}");
        }
    }

    private record Route(String method, Pattern path, Function<Received, Answer> answer) {
    }

    private final HttpServer server;
    private final Map<String, String> apiKeys = new ConcurrentHashMap<>();      // 2.x key -> customer
    private final Map<String, String[]> signedKeys = new ConcurrentHashMap<>(); // 1.x public -> {private, customer}
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger outageLeft = new AtomicInteger();
    private volatile int outageStatus = 503;

    public FakeMailwizz() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(PATH_PREFIX, this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH_PREFIX;
    }

    public FakeMailwizz customerWithApiKey(String customer, String apiKey) {
        apiKeys.put(apiKey, customer);
        return this;
    }

    public FakeMailwizz customerWithSignedKeys(String customer, String publicKey, String privateKey) {
        signedKeys.put(publicKey, new String[] {privateKey, customer});
        return this;
    }

    /** Later routes win over earlier ones with the same method and path. */
    public FakeMailwizz on(String method, String pathRegex, Function<Received, Answer> answer) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex), answer));
        return this;
    }

    public FakeMailwizz on(String method, String pathRegex, Answer answer) {
        return on(method, pathRegex, request -> answer);
    }

    /** The next {@code requests} authenticated requests get {@code status} (e.g. 503: MailWizz offline). */
    public void outage(int requests, int status) {
        outageStatus = status;
        outageLeft.set(requests);
    }

    public List<Received> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    public List<Received> received(String method, String path) {
        return received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public void reset() {
        received.clear();
        outageLeft.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = URLDecoder.decode(rawPath.substring(PATH_PREFIX.length()), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            Map<String, Object> query = parse(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = headers.getOrDefault("content-type", "");
            // PHP fills $_POST only from form bodies; a JSON POST arrives as no parameters at all.
            Map<String, Object> form = contentType.startsWith("application/x-www-form-urlencoded") ? parse(body) : new LinkedHashMap<>();
            if (("PUT".equals(method) || "DELETE".equals(method)) && !method.equals(headers.get("x-http-method-override"))) {
                reply(exchange, Answer.error(400, "The request method override header is missing."));
                return;
            }
            String customer = authenticate(method, rawPath, headers, query, form);
            Map<String, String> flatQuery = new LinkedHashMap<>();
            query.forEach((k, v) -> flatQuery.put(k, String.valueOf(v)));
            Received request = new Received(customer, method, path, flatQuery, form, headers);
            if (customer == null) {
                reply(exchange, Answer.error(400, "Invalid API request signature or key."));
                return;
            }
            received.add(request);
            if (outageLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, Answer.error(outageStatus, "The application is currently offline."));
                return;
            }
            for (Route route : routes) {
                if (route.method().equals(method) && route.path().matcher(path).matches()) {
                    reply(exchange, route.answer().apply(request));
                    return;
                }
            }
            reply(exchange, Answer.error(404, "The requested page does not exist."));
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private String authenticate(String method, String rawPath, Map<String, String> headers, Map<String, Object> query,
                                Map<String, Object> form) {
        String signature = headers.get("x-mw-signature");
        if (signature == null) {
            String key = headers.getOrDefault("x-api-key", headers.get("x-mw-public-key"));
            return key == null ? null : apiKeys.get(key);
        }
        String publicKey = headers.get("x-mw-public-key");
        String[] keys = publicKey == null ? null : signedKeys.get(publicKey);
        String timestamp = headers.get("x-mw-timestamp");
        if (keys == null || timestamp == null || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 900) {
            return null;
        }
        Map<String, Object> signed = new TreeMap<>(FakeMailwizz::byteOrder);
        signed.put("X-MW-PUBLIC-KEY", publicKey);
        signed.put("X-MW-TIMESTAMP", timestamp);
        String remote = headers.get("x-mw-remote-addr");
        if (remote != null && !remote.isEmpty()) {
            signed.put("X-MW-REMOTE-ADDR", remote);
        }
        signed.putAll(form);
        String url = "http://" + headers.get("host") + rawPath;
        String separator = "?";
        if (!query.isEmpty()) {
            Map<String, Object> sortedQuery = new TreeMap<>(FakeMailwizz::byteOrder);
            sortedQuery.putAll(query);
            url += "?" + phpQuery(sortedQuery);
            separator = "&";
        }
        String expected = hmacSha1(keys[0], method + " " + url + separator + phpQuery(signed));
        return expected.equals(signature) ? keys[1] : null;
    }

    private static int byteOrder(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** http_build_query, written from PHP's manual independently of the gateway's encoder. */
    static String phpQuery(Map<String, Object> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> collect(pairs, k, v));
        return String.join("&", pairs);
    }

    @SuppressWarnings("unchecked")
    private static void collect(List<String> pairs, String key, Object value) {
        if (value instanceof Map<?, ?> nested) {
            ((Map<String, Object>) nested).forEach((k, v) -> collect(pairs, key + "[" + k + "]", v));
        } else if (value != null) {
            pairs.add(urlencode(key) + "=" + urlencode(value.toString()));
        }
    }

    private static String urlencode(String text) {
        // URLEncoder differs from PHP urlencode only in leaving '*' alone.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A");
    }

    /** PHP's parse_str: {@code a[b][0]=x} becomes nested maps, in order. */
    @SuppressWarnings("unchecked")
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
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            int bracket = key.indexOf('[');
            if (bracket <= 0) {
                result.put(key, value);
                continue;
            }
            List<String> parts = new ArrayList<>();
            parts.add(key.substring(0, bracket));
            java.util.regex.Matcher m = Pattern.compile("\\[([^\\]]*)]").matcher(key.substring(bracket));
            while (m.find()) {
                parts.add(m.group(1));
            }
            Map<String, Object> current = result;
            for (int i = 0; i < parts.size() - 1; i++) {
                current = (Map<String, Object>) current.computeIfAbsent(parts.get(i), k -> new LinkedHashMap<String, Object>());
            }
            current.put(parts.get(parts.size() - 1), value);
        }
        return result;
    }

    private static String hmacSha1(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}

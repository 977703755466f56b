package io.emailengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Telegram Bot API's {@code sendMessage} as alerting-service uses it: {@code POST /bot<token>/sendMessage}
 * with a JSON or form body, Telegram's envelopes ({@code {"ok":true,"result":{…}}} and
 * {@code {"ok":false,"error_code":…,"description":…}}), 401 for a wrong token, 400 for a missing chat or an empty
 * or over-long text. It keeps the messages: {@code GET /messages} lists them as JSON, {@code GET /} shows them.
 */
public final class TelegramSimulator implements Component {

    static final int MAX_TEXT = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private final int port;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong nextMessageId = new AtomicLong(1);
    private HttpServer server;

    public TelegramSimulator(int port) {
        this(port, newToken());
    }

    TelegramSimulator(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The shape of a real bot token (bot id, colon, secret), fresh at every start. */
    static String newToken() {
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 35; i++) {
            secret.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
        }
        return (1_000_000_000L + RANDOM.nextInt(1_000_000_000)) + ":" + secret;
    }

    public String token() {
        return token;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Messages received so far, oldest first. */
    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    @Override
    public String name() {
        return "Telegram simulator";
    }

    @Override
    public void start() throws IOException {
        Ports.requireFree(port, "the Telegram simulator (--telegram-port)");
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public List<String> describe() {
        return List.of("Telegram simulator: " + baseUrl() + "/ (messages alerting-service sent; JSON at /messages)");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.equals("/messages")) {
                respond(exchange, 200, "application/json", json.writeValueAsBytes(messages));
            } else if ("GET".equals(exchange.getRequestMethod()) && path.equals("/")) {
                respond(exchange, 200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
            } else if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/bot") && path.endsWith("/sendMessage")) {
                sendMessage(exchange, path.substring(4, path.length() - "/sendMessage".length()));
            } else {
                error(exchange, 404, "Not Found");
            }
        }
    }

    private void sendMessage(HttpExchange exchange, String presentedToken) throws IOException {
        if (!presentedToken.equals(token)) {
            error(exchange, 401, "Unauthorized");
            return;
        }
        Map<String, String> fields = fields(exchange);
        String chatId = fields.get("chat_id");
        String text = fields.getOrDefault("text", "");
        if (chatId == null || chatId.isBlank()) {
            error(exchange, 400, "Bad Request: chat_id is empty");
            return;
        }
        if (text.isBlank()) {
            error(exchange, 400, "Bad Request: message text is empty");
            return;
        }
        if (text.length() > MAX_TEXT) {
            error(exchange, 400, "Bad Request: message is too long");
            return;
        }
        ObjectNode message = json.createObjectNode();
        message.put("message_id", nextMessageId.getAndIncrement());
        message.put("date", Instant.now().getEpochSecond());
        message.putObject("chat").put("id", chatId);
        message.put("text", text);
        if (fields.containsKey("message_thread_id")) {
            message.put("message_thread_id", fields.get("message_thread_id"));
        }
        message.put("silent", Boolean.parseBoolean(fields.getOrDefault("disable_notification", "false")));
        messages.add(message);
        ObjectNode answer = json.createObjectNode().put("ok", true);
        answer.set("result", message);
        respond(exchange, 200, "application/json", json.writeValueAsBytes(answer));
    }

    private Map<String, String> fields(HttpExchange exchange) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (contentType.startsWith("application/json")) {
            json.readTree(body).fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        } else {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return fields;
    }

    private void error(HttpExchange exchange, int code, String description) throws IOException {
        ObjectNode answer = json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        respond(exchange, code, "application/json", json.writeValueAsBytes(answer));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The messages as Telegram would show them: the HTML the sender produced is rendered as such. */
    private String page() {
        List<String> items = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            items.add("<li><small>chat " + escape(m.path("chat").path("id").asText()) + " · "
                    + Instant.ofEpochSecond(m.path("date").asLong()) + (m.path("silent").asBoolean() ? " · silent" : "")
                    + "</small><div>" + m.path("text").asText().replace("\n", "<br>") + "</div></li>");
        }
        return "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=5><title>Telegram simulator</title>"
                + "<h1>Messages sent by alerting-service (" + messages.size() + ")</h1><ul>" + String.join("", items) + "</ul>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

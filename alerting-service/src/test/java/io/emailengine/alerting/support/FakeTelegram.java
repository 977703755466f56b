package io.emailengine.alerting.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Telegram Bot API stand-in on a real HTTP socket: {@code POST /bot<token>/sendMessage} with a
 * JSON body, answering Telegram's envelopes ({@code {"ok":true,"result":{...}}} or
 * {@code {"ok":false,"error_code":N,"description":...,"parameters":{...}}}); a wrong token gets 401
 * like the real API. Answers can be scripted per chat (429 with retry_after, 5xx, 403, migration).
 */
public final class FakeTelegram implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final List<Received> received = new ArrayList<>();
    private final Map<Long, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<Long, Answer> outage = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(100);

    public FakeTelegram(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** What a test points the service's base URL at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request for this chat gets this answer (in order, one per request). */
    public void answerNext(long chatId, int httpStatus, String json) {
        scripted.computeIfAbsent(chatId, id -> new ArrayDeque<>()).addLast(new Answer(httpStatus, json));
    }

    /** Every request for this chat gets this answer until {@link #endOutage}. */
    public void outage(long chatId, int httpStatus, String json) {
        outage.put(chatId, new Answer(httpStatus, json));
    }

    public void endOutage(long chatId) {
        outage.remove(chatId);
    }

    public static String error(int code, String description, String parameters) {
        return "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\""
                + (parameters == null ? "" : ",\"parameters\":" + parameters) + "}";
    }

    /** Every request that reached sendMessage for this chat, accepted or not. */
    public synchronized List<Received> requestsTo(long chatId) {
        return received.stream().filter(r -> r.chatId() == chatId).toList();
    }

    /** Messages Telegram accepted (answered ok) for this chat. */
    public synchronized List<Received> deliveredTo(long chatId) {
        return received.stream().filter(r -> r.chatId() == chatId && r.accepted()).toList();
    }

    public synchronized List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/sendMessage")) {
                respond(exchange, 404, error(404, "Not Found", null));
                return;
            }
            if (!path.equals("/bot" + token + "/sendMessage")) {
                respond(exchange, 401, error(401, "Unauthorized", null));
                return;
            }
            JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            long chatId = body.path("chat_id").asLong();
            Answer answer = outage.get(chatId);
            if (answer == null) {
                Deque<Answer> queue = scripted.get(chatId);
                answer = queue == null ? null : queue.pollFirst();
            }
            if (answer == null) {
                long id = messageIds.incrementAndGet();
                answer = new Answer(200, "{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"date\":1764000000,"
                        + "\"chat\":{\"id\":" + chatId + ",\"type\":\"supergroup\"},\"text\":\"...\"}}");
            }
            synchronized (this) {
                received.add(new Received(chatId, body, answer.status() == 200,
                        exchange.getRequestHeaders().getFirst("Content-Type")));
            }
            respond(exchange, answer.status(), answer.json());
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One sendMessage request as Telegram saw it. */
    public record Received(long chatId, JsonNode body, boolean accepted, String contentType) {

        public String text() {
            return body.path("text").asText();
        }
    }

    private record Answer(int status, String json) {
    }
}

package io.emailengine.alerting.adapter.out;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailengine.alerting.application.TelegramGateway;
import io.emailengine.alerting.domain.Destination;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Telegram Bot API {@code sendMessage} over the JDK HTTP client: JSON body, HTML parse mode.
 *
 * <p>The bot token is part of the URL path, so the URL is never logged, never put into an outcome
 * and never into an exception message; every text that leaves this class passes {@link #redact}
 * in case a lower layer echoed the URL. Retrying is the send queue's job, not this client's: one
 * call, one HTTP request, one outcome.
 */
public class TelegramBotClient implements TelegramGateway {

    /** Telegram's token format (bot id, colon, secret); checked so a malformed token never reaches a URI parser. */
    static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String token;
    private final URI sendMessage;
    private final Duration timeout;

    public TelegramBotClient(String baseUrl, String token, Duration timeout) {
        this.token = token == null ? "" : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        if (!this.token.isEmpty() && !TOKEN.matcher(this.token).matches()) {
            throw new IllegalArgumentException("email-engine.alerting.telegram.bot-token does not look like a Telegram "
                    + "bot token (<digits>:<secret>); value not shown");
        }
        URI base;
        try {
            base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("email-engine.alerting.telegram.base-url is not a valid URL");
        }
        if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("email-engine.alerting.telegram.base-url must be an http(s) URL");
        }
        this.sendMessage = this.token.isEmpty() ? null : URI.create(base + "/bot" + this.token + "/sendMessage");
    }

    public boolean configured() {
        return sendMessage != null;
    }

    @Override
    public SendOutcome send(Destination destination, String text, boolean html) {
        if (sendMessage == null) {
            return new SendOutcome.TransientFailure("Telegram bot token is not configured "
                    + "(email-engine.alerting.telegram.bot-token)");
        }
        HttpRequest request = HttpRequest.newBuilder(sendMessage).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(destination, text, html), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return outcome(response.statusCode(), response.body());
        } catch (IOException e) {
            return new SendOutcome.TransientFailure(redact(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.TransientFailure("interrupted while sending");
        }
    }

    private String body(Destination destination, String text, boolean html) {
        ObjectNode body = mapper.createObjectNode();
        body.put("chat_id", destination.chatId());
        body.put("text", text);
        if (html) {
            body.put("parse_mode", "HTML");
        }
        if (destination.threadId() != null) {
            body.put("message_thread_id", destination.threadId());
        }
        body.put("disable_notification", destination.silent());
        body.putObject("link_preview_options").put("is_disabled", true);
        return body.toString();
    }

    private SendOutcome outcome(int httpStatus, String text) {
        JsonNode answer;
        try {
            answer = mapper.readTree(text);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return httpStatus >= 200 && httpStatus < 300
                    ? new SendOutcome.TransientFailure("HTTP " + httpStatus + " with an unreadable answer")
                    : classify(httpStatus, "HTTP " + httpStatus, null);
        }
        if (answer.path("ok").asBoolean(false)) {
            return new SendOutcome.Delivered(answer.path("result").path("message_id").asLong(0));
        }
        int code = answer.path("error_code").asInt(httpStatus);
        String description = redact(answer.path("description").asText("HTTP " + httpStatus));
        return classify(code, description, answer.path("parameters"));
    }

    private SendOutcome classify(int code, String description, JsonNode parameters) {
        if (code == 429) {
            long seconds = parameters == null ? 0 : parameters.path("retry_after").asLong(0);
            return new SendOutcome.RetryAfter(seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER,
                    description);
        }
        if (code == 400 && parameters != null && parameters.hasNonNull("migrate_to_chat_id")) {
            return new SendOutcome.ChatMigrated(parameters.path("migrate_to_chat_id").asLong(), description);
        }
        if (code == 400 || code == 401 || code == 403 || code == 404) {
            return new SendOutcome.Rejected(code, description);
        }
        return new SendOutcome.TransientFailure(description);
    }

    /** Removes the token from a text that may echo the request URL. */
    String redact(String text) {
        return token.isEmpty() || text == null ? text : text.replace(token, "<redacted>");
    }

    @Override
    public String toString() {
        return "TelegramBotClient[token=<redacted>]";
    }
}

package io.emailengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramSimulatorTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private TelegramSimulator telegram;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            telegram = new TelegramSimulator(socket.getLocalPort());
        }
        telegram.start();
    }

    @AfterEach
    void stop() {
        telegram.stop();
    }

    @Test
    void acceptsSendMessageWithTheBotTokenAndKeepsTheMessage() throws Exception {
        HttpResponse<String> answer = send(telegram.token(), "application/json",
                "{\"chat_id\": -1000000000001, \"text\": \"<b>PowerMTA</b> deployment failed\", \"parse_mode\": \"HTML\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"ok\":true").contains("\"message_id\":1");
        assertThat(telegram.messages()).singleElement().satisfies(m -> {
            assertThat(m.path("chat").path("id").asText()).isEqualTo("-1000000000001");
            assertThat(m.path("text").asText()).isEqualTo("<b>PowerMTA</b> deployment failed");
        });
        assertThat(get("/messages")).contains("deployment failed");
        assertThat(get("/")).contains("Messages sent by alerting-service (1)");
    }

    @Test
    void acceptsAFormEncodedBodyToo() throws Exception {
        HttpResponse<String> answer = send(telegram.token(), "application/x-www-form-urlencoded",
                "chat_id=42&text=hello+there&disable_notification=true");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(telegram.messages()).singleElement().satisfies(m -> {
            assertThat(m.path("text").asText()).isEqualTo("hello there");
            assertThat(m.path("silent").asBoolean()).isTrue();
        });
    }

    @Test
    void wrongTokenAnswers401InTelegramsEnvelope() throws Exception {
        HttpResponse<String> answer = send("123:not-the-token", "application/json", "{\"chat_id\": 1, \"text\": \"x\"}");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"ok\":false").contains("\"error_code\":401");
        assertThat(telegram.messages()).isEmpty();
    }

    @Test
    void emptyOrOverlongTextAnswers400() throws Exception {
        assertThat(send(telegram.token(), "application/json", "{\"chat_id\": 1, \"text\": \"\"}").body())
                .contains("message text is empty");
        String tooLong = "x".repeat(TelegramSimulator.MAX_TEXT + 1);
        HttpResponse<String> answer = send(telegram.token(), "application/json", "{\"chat_id\": 1, \"text\": \"" + tooLong + "\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("message is too long");
        assertThat(telegram.messages()).isEmpty();
    }

    @Test
    void tokenHasTheShapeOfARealBotToken() {
        assertThat(TelegramSimulator.newToken()).matches("[0-9]{10}:[A-Za-z0-9_-]{35}");
    }

    @Test
    void alertingServiceIsPointedAtTheSimulatorWithRoutesPerTenant() {
        Map<String, String> env = Sandbox.telegramEnvironment(telegram);
        assertThat(env).containsEntry("EMAIL_ENGINE_ALERTING_TELEGRAM_BASE_URL", telegram.baseUrl())
                .containsEntry("EMAIL_ENGINE_ALERTING_TELEGRAM_BOT_TOKEN", telegram.token())
                .containsEntry("EMAIL_ENGINE_ALERTING_ROUTES_0_TENANT", "tenant-a")
                .containsEntry("EMAIL_ENGINE_ALERTING_ROUTES_1_TENANT", "tenant-b")
                .containsKey("EMAIL_ENGINE_ALERTING_ADMIN_CHAT_ID");
    }

    private HttpResponse<String> send(String token, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + token + "/sendMessage"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

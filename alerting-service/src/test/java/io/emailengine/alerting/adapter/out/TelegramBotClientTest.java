package io.emailengine.alerting.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.alerting.application.TelegramGateway.SendOutcome;
import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.support.FakeTelegram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelegramBotClientTest {

    private static final String TOKEN = "4242:AAH-client_test_token_abcdefghijkl";
    private final FakeTelegram telegram = new FakeTelegram(TOKEN);
    private final TelegramBotClient client = new TelegramBotClient(telegram.baseUrl() + "/", TOKEN, Duration.ofSeconds(5));
    private final Destination group = new Destination(-1001234567890123L, 7L, true);

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void postsTheSendMessageBodyTelegramExpects() throws IOException {
        SendOutcome outcome = client.send(group, "🔴 <b>FIRING</b> &amp; &lt;x&gt;", true);
        assertThat(outcome).isInstanceOf(SendOutcome.Delivered.class);
        assertThat(((SendOutcome.Delivered) outcome).messageId()).isPositive();
        FakeTelegram.Received request = telegram.requestsTo(group.chatId()).get(0);
        assertThat(request.body().toString()).isEqualTo(golden("golden/sendMessage-request.json"));
        assertThat(request.contentType()).isEqualTo("application/json");
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        telegram.answerNext(group.chatId(), 429, FakeTelegram.error(429, "Too Many Requests: retry after 3", "{\"retry_after\":3}"));
        assertThat(client.send(group, "x", true)).isEqualTo(new SendOutcome.RetryAfter(Duration.ofSeconds(3),
                "Too Many Requests: retry after 3"));
    }

    @Test
    void migrationForbiddenAndBadRequestAreNotTransient() {
        telegram.answerNext(group.chatId(), 400, FakeTelegram.error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                "{\"migrate_to_chat_id\":-1009999999999}"));
        telegram.answerNext(group.chatId(), 403, FakeTelegram.error(403, "Forbidden: bot was blocked by the user", null));
        telegram.answerNext(group.chatId(), 400, FakeTelegram.error(400, "Bad Request: can't parse entities", null));
        assertThat(client.send(group, "x", true)).isInstanceOf(SendOutcome.ChatMigrated.class)
                .extracting(o -> ((SendOutcome.ChatMigrated) o).newChatId()).isEqualTo(-1009999999999L);
        assertThat(client.send(group, "x", true)).isEqualTo(new SendOutcome.Rejected(403, "Forbidden: bot was blocked by the user"));
        assertThat(client.send(group, "x", true)).isEqualTo(new SendOutcome.Rejected(400, "Bad Request: can't parse entities"));
    }

    @Test
    void serverErrorsAndUnreadableAnswersAreTransient() {
        telegram.answerNext(group.chatId(), 500, FakeTelegram.error(500, "Internal Server Error", null));
        telegram.answerNext(group.chatId(), 502, "<html>Bad Gateway</html>");
        assertThat(client.send(group, "x", true)).isInstanceOf(SendOutcome.TransientFailure.class);
        assertThat(client.send(group, "x", true)).isEqualTo(new SendOutcome.TransientFailure("HTTP 502"));
    }

    @Test
    void wrongTokenIsRejectedAs401AndNeverEchoed() {
        String wrong = "4242:AAH-wrong_token_abcdefghijklmnop";
        SendOutcome outcome = new TelegramBotClient(telegram.baseUrl(), wrong, Duration.ofSeconds(5)).send(group, "x", true);
        assertThat(outcome).isEqualTo(new SendOutcome.Rejected(401, "Unauthorized"));
        assertThat(outcome.toString()).doesNotContain(wrong);
    }

    @Test
    void connectionFailureIsTransientAndItsReasonHasNoToken() {
        SendOutcome outcome = new TelegramBotClient("http://127.0.0.1:1", TOKEN, Duration.ofSeconds(2)).send(group, "x", true);
        assertThat(outcome).isInstanceOf(SendOutcome.TransientFailure.class);
        assertThat(outcome.toString()).doesNotContain(TOKEN).doesNotContain("AAH-client");
    }

    @Test
    void malformedTokenFailsFastWithoutShowingIt() {
        assertThatThrownBy(() -> new TelegramBotClient("https://api.telegram.org", "not a token/../hunter2", Duration.ofSeconds(1)))
                .hasMessageContaining("bot-token").hasMessageNotContaining("hunter2");
        assertThat(client.toString()).doesNotContain(TOKEN);
    }

    private static String golden(String path) throws IOException {
        try (InputStream in = TelegramBotClientTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}

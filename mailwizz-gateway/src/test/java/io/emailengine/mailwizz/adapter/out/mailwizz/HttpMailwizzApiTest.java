package io.emailengine.mailwizz.adapter.out.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.MailwizzApi.BounceOutcome;
import io.emailengine.mailwizz.application.MailwizzApi.DeliveryLog;
import io.emailengine.mailwizz.application.MailwizzApi.DeliveryServerInfo;
import io.emailengine.mailwizz.application.MailwizzCallException;
import io.emailengine.mailwizz.application.MailwizzCallException.Kind;
import io.emailengine.mailwizz.config.MailwizzProperties;
import io.emailengine.mailwizz.fake.FakeMailwizz;
import io.emailengine.mailwizz.fake.FakeMailwizz.Answer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpMailwizzApiTest {

    private static final TenantId MODERN = new TenantId("modern");
    private static final TenantId SIGNED = new TenantId("signed");
    private static final TenantId WRONG_KEY = new TenantId("wrong-key");

    private FakeMailwizz mailwizz;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() {
        mailwizz = new FakeMailwizz()
                .customerWithApiKey("customer-modern", "key-modern")
                .customerWithSignedKeys("customer-signed", "pub-signed", "priv-*~ signed");
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        mailwizz.close();
    }

    private HttpMailwizzApi api(double requestsPerSecond, Duration rateLimitWait, int circuitWindow) {
        return api(requestsPerSecond, rateLimitWait, circuitWindow, Duration.ofSeconds(5));
    }

    private HttpMailwizzApi api(double requestsPerSecond, Duration rateLimitWait, int circuitWindow, Duration requestTimeout) {
        MailwizzProperties.Client client = new MailwizzProperties.Client(requestsPerSecond, rateLimitWait, Duration.ofSeconds(2),
                requestTimeout, 3, Duration.ofMillis(20), circuitWindow, 50, Duration.ofSeconds(30));
        Map<String, MailwizzProperties.Tenant> tenants = Map.of(
                "modern", tenant(2, "key-modern", null),
                "signed", tenant(1, "pub-signed", "priv-*~ signed"),
                "wrong-key", tenant(1, "pub-signed", "not-the-private-key"));
        MailwizzProperties properties = new MailwizzProperties(tenants, client, null, null);
        MailwizzHttpClient http = new MailwizzHttpClient(HttpClient.newHttpClient(), new ObjectMapper(), Clock.systemUTC(), meters,
                client.requestTimeout());
        return new HttpMailwizzApi(properties, http, CircuitBreakerRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(),
                RetryRegistry.ofDefaults());
    }

    private HttpMailwizzApi api() {
        return api(1000, Duration.ofSeconds(5), 20);
    }

    private MailwizzProperties.Tenant tenant(int version, String publicKey, String privateKey) {
        return new MailwizzProperties.Tenant(mailwizz.baseUrl(), version, publicKey, privateKey, "", null, null, null, "mw_", null, false,
                List.of());
    }

    @Test
    void findsDeliveryLogByMessageIdWithApiKeyHeaderOnTheRealPath() {
        mailwizz.on("GET", "/campaigns/delivery-logs/email-message-id/.+", Answer.success(
                "{\"record\":{\"campaign\":{\"campaign_uid\":\"cu123\"},\"subscriber\":{\"subscriber_uid\":\"su456\"}}}"));

        Optional<DeliveryLog> log = api().deliveryLogByMessageId(MODERN, "<abc.123+x@mail.example.com>");

        assertThat(log).contains(new DeliveryLog("cu123", "su456", null));
        FakeMailwizz.Received request = mailwizz.received().get(0);
        assertThat(request.path()).isEqualTo("/campaigns/delivery-logs/email-message-id/abc.123+x@mail.example.com");
        assertThat(request.header("X-API-KEY")).isEqualTo("key-modern");
        assertThat(request.header("X-MW-SIGNATURE")).isNull();
    }

    @Test
    void postsHardBounceAsPhpFormWithSignatureTheServerVerifies() {
        mailwizz.on("POST", "/campaigns/cu123/bounces", new Answer(201, "{\"status\":\"success\"}"));
        String longMessage = "550 5.1.1 <a@b.c>: user unknown * ~ " + "x".repeat(400);

        assertThat(api().postHardBounce(SIGNED, "cu123", "su456", longMessage)).isEqualTo(BounceOutcome.CREATED);

        FakeMailwizz.Received request = mailwizz.received().get(0);
        assertThat(request.customer()).isEqualTo("customer-signed");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form()).containsEntry("subscriber_uid", "su456").containsEntry("bounce_type", "hard");
        assertThat((String) request.form().get("message")).hasSize(250).startsWith("550 5.1.1 <a@b.c>: user unknown * ~ ");
        assertThat(request.header("X-MW-PUBLIC-KEY")).isEqualTo("pub-signed");
        assertThat(request.header("X-MW-SIGNATURE")).matches("[0-9a-f]{40}");
    }

    @Test
    void signsGetQueryAndPutWithMethodOverrideAndNestedBrackets() {
        mailwizz.on("GET", "/lists/subscribers/search-by-email-in-all-lists", Answer.success(
                "{\"count\":\"2\",\"total_pages\":\"1\",\"records\":[{\"subscriber_uid\":\"s1\",\"list\":{\"list_uid\":\"l1\"}},"
                        + "{\"subscriber_uid\":\"s2\",\"list_uid\":\"l2\"}]}"));
        mailwizz.on("PUT", "/lists/[^/]+/subscribers/[^/]+", Answer.success("{}"));

        int blacklisted = api().blacklistEverywhere(SIGNED, "john doe+*@example.com");

        assertThat(blacklisted).isEqualTo(2);
        assertThat(mailwizz.received()).hasSize(3).allSatisfy(r -> assertThat(r.customer()).isEqualTo("customer-signed"));
        assertThat(mailwizz.received().get(0).query()).containsEntry("EMAIL", "john doe+*@example.com");
        FakeMailwizz.Received put = mailwizz.received("PUT", "/lists/l1/subscribers/s1").get(0);
        assertThat(put.header("X-HTTP-Method-Override")).isEqualTo("PUT");
        assertThat(put.form()).containsEntry("EMAIL", "john doe+*@example.com")
                .containsEntry("details", Map.of("status", "blacklisted"));
        assertThat(mailwizz.received("PUT", "/lists/l2/subscribers/s2")).hasSize(1);
    }

    @Test
    void badSignatureIsAnAuthFailureThatIsNotRetried() {
        mailwizz.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", Answer.success("{}"));

        assertThatThrownBy(() -> api().unsubscribeFromAllLists(WRONG_KEY, "a@b.c"))
                .isInstanceOfSatisfying(MailwizzCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTH);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).doesNotContain("not-the-private-key");
                });
        assertThat(meters.counter("email_engine_mailwizz_calls", "endpoint",
                "PUT /lists/subscribers/unsubscribe-by-email-from-all-lists", "status", "400").count()).isEqualTo(1);
    }

    @Test
    void offlineMailwizzIsRetriedWithBackoffUntilItAnswers() {
        mailwizz.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", Answer.success("{}"));
        mailwizz.outage(2, 503);

        assertThat(api().unsubscribeFromAllLists(SIGNED, "a@b.c")).isTrue();

        assertThat(mailwizz.received()).hasSize(3);
        assertThat(meters.counter("email_engine_mailwizz_calls", "endpoint",
                "PUT /lists/subscribers/unsubscribe-by-email-from-all-lists", "status", "503").count()).isEqualTo(2);
    }

    @Test
    void longerOutageSurfacesAsUnavailableAndOpensTheCircuit() {
        mailwizz.outage(1000, 503);
        HttpMailwizzApi api = api(1000, Duration.ofSeconds(5), 4);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> api.unsubscribeFromAllLists(MODERN, "a@b.c"))
                    .isInstanceOfSatisfying(MailwizzCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        }
        int reachedServer = mailwizz.received().size();
        assertThatThrownBy(() -> api.unsubscribeFromAllLists(MODERN, "a@b.c"))
                .isInstanceOfSatisfying(MailwizzCallException.class, e -> assertThat(e.getMessage()).contains("circuit breaker open"));
        assertThat(mailwizz.received()).hasSize(reachedServer);
    }

    @Test
    void aHangingMailwizzIsCutOffByTheRequestTimeoutAndRetried() {
        mailwizz.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", request -> {
            try {
                Thread.sleep(2_000); // the fake hangs; the client must not wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.success("{}");
        });
        HttpMailwizzApi api = api(1000, Duration.ofSeconds(5), 20, Duration.ofMillis(200));

        assertThatThrownBy(() -> api.unsubscribeFromAllLists(MODERN, "a@b.c"))
                .isInstanceOfSatisfying(MailwizzCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(meters.counter("email_engine_mailwizz_calls", "endpoint",
                "PUT /lists/subscribers/unsubscribe-by-email-from-all-lists", "status", "io-error").count()).isEqualTo(3);
    }

    @Test
    void notFoundAndDuplicateAreOutcomesNotFailures() {
        mailwizz.on("POST", "/campaigns/cu1/bounces", new Answer(422,
                "{\"status\":\"error\",\"error\":{\"subscriber_uid\":\"This subscriber has already bounced\"}}"));
        mailwizz.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", Answer.error(404, "Subscriber not found"));

        assertThat(api().deliveryLogByMessageId(MODERN, "unknown@x")).isEmpty();
        assertThat(api().postHardBounce(MODERN, "cu1", "su1", "bounced")).isEqualTo(BounceOutcome.DUPLICATE);
        assertThat(api().unsubscribeFromAllLists(MODERN, "gone@b.c")).isFalse();
        assertThat(mailwizz.received()).hasSize(3);
    }

    @Test
    void readsDeliveryServersLenientlyAcrossPages() {
        mailwizz.on("GET", "/delivery-servers", request -> "1".equals(request.query().get("page"))
                ? Answer.success("{\"count\":\"3\",\"total_pages\":\"2\",\"current_page\":\"1\",\"next_page\":\"2\",\"prev_page\":null,"
                        + "\"records\":[{\"server_id\":\"7\",\"name\":\"ip-10\",\"hostname\":\"203.0.113.10\",\"status\":\"active\"},"
                        + "{\"server_id\":8,\"name\":\"ip-11\",\"hostname\":\"203.0.113.11\",\"status\":\"inactive\"}]}")
                : Answer.success("{\"count\":3,\"total_pages\":2,\"current_page\":2,\"next_page\":null,\"prev_page\":1,"
                        + "\"records\":[{\"server_id\":\"9\",\"name\":null,\"hostname\":\"pmta.example.com\"}]}"));

        List<DeliveryServerInfo> servers = api().deliveryServers(MODERN);

        assertThat(servers).containsExactly(
                new DeliveryServerInfo(7, "ip-10", "203.0.113.10", "active"),
                new DeliveryServerInfo(8, "ip-11", "203.0.113.11", "inactive"),
                new DeliveryServerInfo(9, null, "pmta.example.com", null));
        assertThat(mailwizz.received().get(0).query()).containsEntry("per_page", "100");
    }

    @Test
    void emptyPageWithNullCountersIsNoServers() {
        mailwizz.on("GET", "/delivery-servers", Answer.success(
                "{\"count\":null,\"total_pages\":null,\"current_page\":null,\"next_page\":null,\"prev_page\":null,\"records\":[]}"));

        assertThat(api().deliveryServers(SIGNED)).isEmpty();
    }

    @Test
    void clientSideRateLimiterHoldsRequestsBackBeforeTheyReachMailwizz() {
        mailwizz.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", Answer.success("{}"));
        HttpMailwizzApi api = api(2, Duration.ZERO, 20);

        int refused = 0;
        for (int i = 0; i < 6; i++) {
            try {
                api.unsubscribeFromAllLists(MODERN, "a@b.c");
            } catch (MailwizzCallException e) {
                assertThat(e.getMessage()).contains("rate limit");
                refused++;
            }
        }
        assertThat(refused).isPositive();
        assertThat(mailwizz.received()).hasSize(6 - refused);
    }
}

package io.emailengine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.emailengine.alerting.application.AlertIntake;
import io.emailengine.alerting.application.DispatchSettings;
import io.emailengine.alerting.application.GroupEvaluator;
import io.emailengine.alerting.application.GroupStore;
import io.emailengine.alerting.application.Housekeeping;
import io.emailengine.alerting.application.NotificationDispatcher;
import io.emailengine.alerting.application.NotificationQueue;
import io.emailengine.alerting.application.OutboundNotification;
import io.emailengine.alerting.application.TelegramGateway;
import io.emailengine.alerting.adapter.out.TelegramBotClient;
import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.SendPacer;
import io.emailengine.alerting.support.FakeTelegram;
import io.emailengine.testsupport.MutableClock;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.ApiKeys;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerting end to end against a real PostgreSQL and Kafka and a fake Telegram speaking the real
 * protocol. The scheduler is off: each scenario moves a controllable clock and runs the group
 * evaluator and the sender itself, so minutes and hours pass without sleeping. Scenarios share the
 * context; each uses its own tenant and chat, so they don't see each other's messages.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "email-engine.alerting.scheduler.enabled=false",
        "email-engine.alerting.admin-chat-id=-1009",
        "email-engine.alerting.routes[0].tenant=tenant-group",
        "email-engine.alerting.routes[0].chat-id=-1001",
        "email-engine.alerting.routes[0].thread-id=7",
        "email-engine.alerting.routes[1].tenant=tenant-silence",
        "email-engine.alerting.routes[1].chat-id=-1002",
        "email-engine.alerting.routes[2].tenant=tenant-hostile",
        "email-engine.alerting.routes[2].chat-id=1003",
        "email-engine.alerting.routes[3].tenant=tenant-storm",
        "email-engine.alerting.routes[3].chat-id=-1004",
        "email-engine.alerting.routes[4].tenant=tenant-rest",
        "email-engine.alerting.routes[4].chat-id=3001",
        "email-engine.alerting.routes[5].tenant=tenant-kafka",
        "email-engine.alerting.routes[5].chat-id=3002",
        "email-engine.alerting.routes[6].tenant=tenant-inhibit",
        "email-engine.alerting.routes[6].chat-id=3003",
        "email-engine.alerting.routes[7].tenant=tenant-big",
        "email-engine.alerting.routes[7].severities=critical",
        "email-engine.alerting.routes[7].chat-id=-5000000000123",
        "email-engine.alerting.routes[8].tenant=tenant-big",
        "email-engine.alerting.routes[8].severities=warning,info",
        "email-engine.alerting.routes[8].chat-id=3004",
        "email-engine.alerting.routes[9].tenant=tenant-replica",
        "email-engine.alerting.routes[9].chat-id=3005",
        "logging.level.io.emailengine.alerting=DEBUG"})
class AlertingFlowTest {

    static final String TOKEN = "123456789:AAH-fake_test_token_abcdefghijklmnop";
    static final FakeTelegram telegram = new FakeTelegram(TOKEN);
    static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    static final Map<String, String> KEYS = Map.of(
            "key-group", "tenant-group", "key-silence", "tenant-silence", "key-rest", "tenant-rest");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("email-engine.alerting.telegram.base-url", telegram::baseUrl);
        registry.add("email-engine.alerting.telegram.bot-token", () -> TOKEN);
        int i = 0;
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            registry.add("email-engine.security.api-keys[" + i + "].name", key::getKey);
            registry.add("email-engine.security.api-keys[" + i + "].hash", () -> ApiKeys.hash(key.getKey() + "-secret"));
            registry.add("email-engine.security.api-keys[" + i + "].tenant", key::getValue);
            i++;
        }
        registry.add("email-engine.security.api-keys[" + i + "].name", () -> "key-admin");
        registry.add("email-engine.security.api-keys[" + i + "].hash", () -> ApiKeys.hash("key-admin-secret"));
        registry.add("email-engine.security.api-keys[" + i + "].admin", () -> "true");
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @AfterAll
    static void stopTelegram() {
        telegram.close();
    }

    @Autowired MutableClock clock;
    @Autowired AlertIntake intake;
    @Autowired GroupEvaluator evaluator;
    @Autowired NotificationDispatcher dispatcher;
    @Autowired NotificationQueue queue;
    @Autowired GroupStore groups;
    @Autowired TelegramBotClient telegramClient;
    @Autowired DispatchSettings dispatchSettings;
    @Autowired Housekeeping housekeeping;
    @Autowired MeterRegistry meters;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventJson json;
    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    // ---------------------------------------------------------------- grouping and timers

    @Test
    void groupWaitsThirtySecondsThenSendsOneSummaryUpdatesAfterTheIntervalAndResolvesOnce() {
        long chat = -1001;
        raise("tenant-group", "ProviderBlock", "grp-1", Severity.CRITICAL, AlertStatus.FIRING, "203.0.113.1");
        raise("tenant-group", "ProviderBlock", "grp-2", Severity.CRITICAL, AlertStatus.FIRING, "203.0.113.2");
        raise("tenant-group", "ProviderBlock", "grp-3", Severity.WARNING, AlertStatus.FIRING, "203.0.113.3");

        run(Duration.ofSeconds(29), Duration.ofSeconds(1));
        assertThat(telegram.requestsTo(chat)).as("nothing before the group wait").isEmpty();
        run(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(chat)).hasSize(1);
        FakeTelegram.Received first = telegram.deliveredTo(chat).get(0);
        assertThat(first.text()).contains("FIRING").contains("ProviderBlock").contains("3 alerts firing")
                .contains("203.0.113.1").contains("203.0.113.3");
        assertThat(first.body().path("chat_id").asLong()).isEqualTo(-1001);
        assertThat(first.body().path("message_thread_id").asLong()).isEqualTo(7);
        assertThat(first.body().path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(first.body().path("disable_notification").asBoolean()).isFalse();
        assertThat(first.contentType()).startsWith("application/json");

        raise("tenant-group", "ProviderBlock", "grp-4", Severity.CRITICAL, AlertStatus.FIRING, "203.0.113.4");
        raise("tenant-group", "ProviderBlock", "grp-1", Severity.CRITICAL, AlertStatus.FIRING, "203.0.113.1");
        run(Duration.ofMinutes(4), Duration.ofSeconds(10));
        assertThat(telegram.deliveredTo(chat)).as("no update inside the group interval").hasSize(1);
        run(Duration.ofMinutes(1).plusSeconds(10), Duration.ofSeconds(10));
        assertThat(telegram.deliveredTo(chat)).hasSize(2);
        assertThat(telegram.deliveredTo(chat).get(1).text()).contains("4 alerts firing").contains("×2");

        for (String fp : List.of("grp-1", "grp-2", "grp-3", "grp-4")) {
            raise("tenant-group", "ProviderBlock", fp, Severity.CRITICAL, AlertStatus.RESOLVED, "x");
        }
        run(Duration.ofMinutes(6), Duration.ofSeconds(10));
        assertThat(telegram.deliveredTo(chat)).hasSize(3);
        assertThat(telegram.deliveredTo(chat).get(2).text()).contains("RESOLVED").contains("all 4 alerts resolved");

        run(Duration.ofHours(5), Duration.ofMinutes(5));
        assertThat(telegram.deliveredTo(chat)).as("a resolved group stays quiet").hasSize(3);
    }

    @Test
    void stillFiringGroupIsRepeatedAfterTheRepeatIntervalAndInfoGoesSilently() {
        long loud = -5000000000123L;
        long quiet = 3004;
        raise("tenant-big", "HostLoad", "rep-1", Severity.CRITICAL, AlertStatus.FIRING, "198.51.100.1");
        raise("tenant-big", "Warmup", "rep-info", Severity.INFO, AlertStatus.FIRING, "198.51.100.2");
        run(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(loud)).as("a 64-bit chat id").hasSize(1);
        assertThat(telegram.deliveredTo(loud).get(0).body().path("chat_id").asLong()).isEqualTo(loud);
        assertThat(telegram.deliveredTo(quiet)).hasSize(1);
        assertThat(telegram.deliveredTo(quiet).get(0).body().path("disable_notification").asBoolean()).isTrue();

        run(Duration.ofHours(3).plusMinutes(55), Duration.ofMinutes(1));
        assertThat(telegram.deliveredTo(loud)).hasSize(1);
        run(Duration.ofMinutes(10), Duration.ofMinutes(1));
        assertThat(telegram.deliveredTo(loud)).as("reminder after 4 h").hasSize(2);
        assertThat(telegram.deliveredTo(loud).get(1).text()).contains("1 alert firing");
    }

    @Test
    void resolveSentWithALowerSeverityClosesTheEpisodeWhereTheAlertFired() {
        long loud = -5000000000123L;
        long quiet = 3004;
        raise("tenant-big", "SeverityShift", "shift-1", Severity.CRITICAL, AlertStatus.FIRING, "198.51.100.9");
        run(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(loud)).anySatisfy(m -> assertThat(m.text()).contains("FIRING").contains("198.51.100.9"));

        // warmup-service, for one, resolves with INFO what fired as a warning or critical
        raise("tenant-big", "SeverityShift", "shift-1", Severity.INFO, AlertStatus.RESOLVED, "198.51.100.9");
        run(Duration.ofMinutes(6), Duration.ofSeconds(10));
        assertThat(telegram.deliveredTo(loud)).as("the resolve reaches the chat the alert fired in")
                .anySatisfy(m -> assertThat(m.text()).contains("RESOLVED").contains("198.51.100.9"));
        assertThat(telegram.deliveredTo(quiet)).noneSatisfy(m -> assertThat(m.text()).contains("198.51.100.9"));
    }

    // ---------------------------------------------------------------- silences and inhibition

    @Test
    void silencedAlertIsStoredButNotSentUntilTheSilenceExpires() throws Exception {
        long chat = -1002;
        Instant now = clock.instant();
        HttpResponse<String> created = call("POST", "/api/v1/tenants/tenant-silence/silences", "key-silence", """
                {"matchers":[{"name":"alertname","op":"=","value":"DiskFull"},{"name":"host","op":"=~","value":"pmta-0[12]"}],
                 "endsAt":"%s","comment":"disk swap on pmta-01/02"}""".formatted(now.plus(Duration.ofHours(1))));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"createdBy\":\"key-silence\"").contains("\"state\":\"active\"");
        String id = json.mapper().readTree(created.body()).path("id").asText();

        raiseWithLabels("tenant-silence", "sil-1", Severity.WARNING, AlertStatus.FIRING,
                Map.of("alertname", "DiskFull", "host", "pmta-01"));
        raiseWithLabels("tenant-silence", "sil-3", Severity.WARNING, AlertStatus.FIRING,
                Map.of("alertname", "DiskFull", "host", "pmta-03"));
        run(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(chat)).hasSize(1);
        assertThat(telegram.deliveredTo(chat).get(0).text()).contains("1 alert firing, 1 silenced")
                .contains("host=pmta-03").doesNotContain("pmta-01");
        assertThat(jdbc.queryForObject("SELECT occurrences FROM alert WHERE fingerprint = 'sil-1'", Long.class))
                .as("a silenced alert is still stored").isEqualTo(1);
        var active = json.mapper().readTree(call("GET", "/api/v1/tenants/tenant-silence/alerts?status=firing",
                "key-silence", null).body());
        assertThat(active.findValues("fingerprint").stream().map(n -> n.asText()).toList()).contains("sil-1", "sil-3");
        for (var alert : active) {
            assertThat(alert.path("muted").asBoolean()).isEqualTo(alert.path("fingerprint").asText().equals("sil-1"));
        }

        assertThat(call("GET", "/api/v1/tenants/tenant-silence/silences", "key-group", null).statusCode())
                .as("another tenant may not list them").isEqualTo(403);
        assertThat(call("GET", "/api/v1/tenants/tenant-group/silences/" + id, "key-group", null).statusCode())
                .as("another tenant's silence does not exist for it").isEqualTo(404);
        assertThat(call("POST", "/api/v1/tenants/tenant-silence/silences", "key-silence",
                "{\"matchers\":[{\"name\":\"host\",\"op\":\"=~\",\"value\":\"(unclosed\"}],\"endsAt\":\"%s\",\"comment\":\"x\"}"
                        .formatted(now.plus(Duration.ofHours(1)))).body()).contains("not a valid regular expression");

        run(Duration.ofMinutes(70), Duration.ofSeconds(30));
        assertThat(telegram.deliveredTo(chat)).as("expiry lets the silenced alert through").hasSize(2);
        assertThat(telegram.deliveredTo(chat).get(1).text()).contains("2 alerts firing").contains("pmta-01");
        assertThat(call("GET", "/api/v1/tenants/tenant-silence/silences/" + id, "key-silence", null).body())
                .contains("\"state\":\"expired\"");
    }

    @Test
    void deletingASilenceExpiresItAndAdminSilencesNeedTheAdminScope() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/tenants/tenant-silence/silences", "key-silence",
                "{\"matchers\":[{\"name\":\"alertname\",\"op\":\"!=\",\"value\":\"Other\"}],\"endsAt\":\"%s\",\"comment\":\"maintenance\"}"
                        .formatted(clock.instant().plus(Duration.ofHours(2))));
        String id = json.mapper().readTree(created.body()).path("id").asText();
        HttpResponse<String> deleted = call("DELETE", "/api/v1/tenants/tenant-silence/silences/" + id, "key-silence", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("\"state\":\"expired\"");
        assertThat(call("POST", "/api/v1/admin/silences", "key-silence",
                "{\"matchers\":[{\"name\":\"source\",\"value\":\"x\"}],\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"c\"}")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> system = call("POST", "/api/v1/admin/silences", "key-admin",
                "{\"matchers\":[{\"name\":\"source\",\"value\":\"x\"}],\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"c\"}");
        assertThat(system.statusCode()).isEqualTo(201);
        assertThat(system.body()).contains("\"createdBy\":\"key-admin\"").contains("\"tenant\":null");
    }

    @Test
    void criticalHostDownInhibitsTheWarningsOfThatHostOnly() {
        long chat = 3003;
        raiseWithLabels("tenant-inhibit", "inh-down", Severity.CRITICAL, AlertStatus.FIRING,
                Map.of("alertname", "PmtaHostUnreachable", "host", "pmta-07"));
        raiseWithLabels("tenant-inhibit", "inh-warn-7", Severity.WARNING, AlertStatus.FIRING,
                Map.of("alertname", "DeferralRate", "host", "pmta-07", "ip", "192.0.2.7"));
        raiseWithLabels("tenant-inhibit", "inh-warn-8", Severity.WARNING, AlertStatus.FIRING,
                Map.of("alertname", "DeferralRate", "host", "pmta-08", "ip", "192.0.2.8"));
        run(Duration.ofSeconds(33), Duration.ofSeconds(1));
        List<String> texts = telegram.deliveredTo(chat).stream().map(FakeTelegram.Received::text).toList();
        assertThat(texts).hasSize(2);
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("PmtaHostUnreachable"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("DeferralRate").contains("1 alert firing, 1 silenced")
                .contains("192.0.2.8").doesNotContain("192.0.2.7"));
    }

    // ---------------------------------------------------------------- hostile text

    @Test
    void hostileTextFromABounceDiagnosticIsEscapedForTelegramHtml() {
        long chat = 1003;
        raiseRaw("tenant-hostile", new AlertRaised("hostile-1", Severity.CRITICAL, "bounce-ingest-service",
                "Bounce <b>storm</b> & co", "550 5.7.1 <script>alert(1)</script> & rejected &amp; \"x\"",
                Map.of("alertname", "HardBounces", "rcpt_domain", "<evil>.example"), AlertStatus.FIRING));
        run(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(chat)).hasSize(1);
        String text = telegram.deliveredTo(chat).get(0).text();
        assertThat(text).contains("550 5.7.1 &lt;script&gt;alert(1)&lt;/script&gt; &amp; rejected &amp;amp; \"x\"")
                .contains("Bounce &lt;b&gt;storm&lt;/b&gt; &amp; co")
                .contains("rcpt_domain=&lt;evil&gt;.example")
                .doesNotContain("<script>").doesNotContain("<evil>");
    }

    // ---------------------------------------------------------------- the send queue

    @Test
    void senderRestartedMidSendDeliversEveryQueuedMessageOnceAndNeverResendsASentOne() {
        // three chats, so the per-chat pace does not hold any of them back
        List<Long> chats = List.of(1008L, 1018L, 1028L);
        for (int i = 0; i < 3; i++) {
            enqueue("restart-group-" + (i + 1), 1, chats.get(i), "restart message " + (i + 1));
        }
        AtomicInteger calls = new AtomicInteger();
        TelegramGateway dyingAfterOne = (destination, text, html) -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("simulated crash: the process dies before this HTTP call");
            }
            return telegramClient.send(destination, text, html);
        };
        NotificationDispatcher first = newSender(dyingAfterOne);
        assertThatThrownBy(first::dispatchDue).hasMessageContaining("simulated crash");
        assertThat(delivered(chats)).containsExactly("restart message 1");
        assertThat(statusOf("restart-group-1", 1)).isEqualTo("sent");
        assertThat(statusOf("restart-group-2", 1)).isEqualTo("sending");

        NotificationDispatcher restarted = newSender(telegramClient);
        restarted.dispatchDue();
        assertThat(delivered(chats)).as("claims of the dead sender are respected until their lease ends").hasSize(1);
        clock.advance(dispatchSettings.lease().plusSeconds(1));
        for (int i = 0; i < 5; i++) {
            restarted.dispatchDue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(delivered(chats)).containsExactly("restart message 1", "restart message 2", "restart message 3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE group_key LIKE 'restart-group-%' "
                + "AND status = 'sent' AND telegram_message_id IS NOT NULL", Long.class)).isEqualTo(3);
    }

    private List<String> delivered(List<Long> chats) {
        return chats.stream().flatMap(c -> telegram.deliveredTo(c).stream()).map(FakeTelegram.Received::text).toList();
    }

    @Test
    void slowTelegramMakesTheSenderHandBackTheRestOfItsBatchBeforeItsLeaseRunsOut() {
        List<Long> chats = List.of(1011L, 1012L);
        enqueue("slow-group-1", 1, chats.get(0), "slow 1");
        enqueue("slow-group-2", 1, chats.get(1), "slow 2");
        TelegramGateway slow = (destination, text, html) -> {
            clock.advance(dispatchSettings.lease().dividedBy(2).plusSeconds(1));
            return telegramClient.send(destination, text, html);
        };
        newSender(slow).dispatchDue();
        assertThat(delivered(chats)).containsExactly("slow 1");
        assertThat(statusOf("slow-group-2", 1)).as("handed back, not left claimed").isEqualTo("pending");
        newSender(telegramClient).dispatchDue();
        assertThat(delivered(chats)).containsExactly("slow 1", "slow 2");
    }

    @Test
    void housekeepingDropsOldHistoryAndDeliveredMessagesButNeverAnUnsentOne() {
        raise("tenant-rest", "Housekeeping", "hk-1", Severity.INFO, AlertStatus.FIRING, "192.0.2.99");
        enqueue("hk-sent", 1, 1013, "delivered long ago");
        dispatcher.dispatchDue();
        telegram.outage(1014, 503, FakeTelegram.error(503, "Service Unavailable", null));
        enqueue("hk-unsent", 1, 1014, "still waiting");
        dispatcher.dispatchDue();
        assertThat(statusOf("hk-sent", 1)).isEqualTo("sent");

        clock.advance(Duration.ofDays(31));
        housekeeping.purge();
        telegram.endOutage(1014);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_history WHERE fingerprint = 'hk-1'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE fingerprint = 'hk-1'", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE group_key = 'hk-sent'", Long.class)).isZero();
        assertThat(statusOf("hk-unsent", 1)).isEqualTo("pending");
    }

    @Test
    void twoReplicasEvaluatingAndSendingAtOnceNeverQueueOrSendAMessageTwice() throws Exception {
        raise("tenant-replica", "ReplicaCheck", "replica-alert", Severity.CRITICAL, AlertStatus.FIRING, "192.0.2.77");
        clock.advance(Duration.ofSeconds(31));
        List<Long> chats = LongStream.rangeClosed(4001, 4020).boxed().toList();
        chats.forEach(chat -> enqueue("replica-" + chat, 1, chat, "replica message " + chat));
        NotificationDispatcher replicaA = newSender(telegramClient);
        NotificationDispatcher replicaB = newSender(telegramClient);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> rounds = List.of(pool.submit(evaluator::evaluateDue), pool.submit(evaluator::evaluateDue),
                    pool.submit(replicaA::dispatchDue), pool.submit(replicaB::dispatchDue));
            for (Future<Integer> round : rounds) {
                round.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 3; i++) {
            replicaA.dispatchDue();
            replicaB.dispatchDue();
        }
        for (long chat : chats) {
            assertThat(telegram.deliveredTo(chat)).as("chat " + chat).hasSize(1);
        }
        assertThat(telegram.deliveredTo(3005)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE tenant_id = 'tenant-replica'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void deliveryWhoseSentMarkFailedIsMarkedOnTheNextRoundAndNotResent() {
        long chat = 1015;
        AtomicInteger markSentCalls = new AtomicInteger();
        NotificationQueue flakyDatabase = (NotificationQueue) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {NotificationQueue.class}, (proxy, method, args) -> {
                    if (method.getName().equals("markSent") && markSentCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("simulated: database unavailable right after Telegram's 200");
                    }
                    try {
                        return method.invoke(queue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        NotificationDispatcher sender = new NotificationDispatcher(flakyDatabase, groups, telegramClient,
                new SendPacer(Duration.ofSeconds(1), 20, 30), dispatchSettings, clock, meters);
        enqueue("flaky-db-group", 1, chat, "delivered once");
        assertThatThrownBy(sender::dispatchDue).hasMessageContaining("database unavailable");
        assertThat(statusOf("flaky-db-group", 1)).isEqualTo("sending");

        clock.advance(Duration.ofSeconds(1));
        sender.dispatchDue();
        assertThat(statusOf("flaky-db-group", 1)).isEqualTo("sent");
        clock.advance(dispatchSettings.lease().plusSeconds(1));
        sender.dispatchDue();
        assertThat(telegram.requestsTo(chat)).hasSize(1);
    }

    @Test
    void enqueuingTheSameGroupNotificationTwiceKeepsOneRow() {
        assertThat(enqueue("once-group", 1, 1010, "once")).isTrue();
        assertThat(enqueue("once-group", 1, 1010, "once again")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE group_key = 'once-group'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void rateLimitedMessageWaitsRetryAfterAndIsThenDelivered() {
        long chat = -2001;
        telegram.answerNext(chat, 429, FakeTelegram.error(429, "Too Many Requests: retry after 3", "{\"retry_after\":3}"));
        double before = counter("email_engine_alerting_notifications_retried", "reason", "rate_limited");
        enqueue("rl-group", 1, chat, "rate limited");
        dispatcher.dispatchDue();
        assertThat(telegram.requestsTo(chat)).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        dispatcher.dispatchDue();
        assertThat(telegram.requestsTo(chat)).as("no request before retry_after").hasSize(1);
        clock.advance(Duration.ofMillis(1500));
        dispatcher.dispatchDue();
        assertThat(telegram.deliveredTo(chat)).hasSize(1);
        assertThat(counter("email_engine_alerting_notifications_retried", "reason", "rate_limited")).isEqualTo(before + 1);
    }

    @Test
    void forbiddenChatIsRecordedAsFailedCountedAndNeverRetried() {
        long chat = -2002;
        telegram.answerNext(chat, 403, FakeTelegram.error(403, "Forbidden: bot was kicked from the supergroup chat", null));
        double before = counter("email_engine_alerting_notifications_failed", "error_code", "403");
        enqueue("forbidden-group", 1, chat, "to a chat that kicked the bot");
        dispatcher.dispatchDue();
        run(Duration.ofMinutes(30), Duration.ofMinutes(1));
        assertThat(telegram.requestsTo(chat)).hasSize(1);
        assertThat(statusOf("forbidden-group", 1)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT last_error FROM notification WHERE group_key = 'forbidden-group'",
                String.class)).contains("kicked");
        assertThat(counter("email_engine_alerting_notifications_failed", "error_code", "403")).isEqualTo(before + 1);
    }

    @Test
    void operatorSeesRefusedMessagesAndRequeuesThemOnceTheCauseIsFixed() throws Exception {
        long chat = -2008;
        telegram.answerNext(chat, 403, FakeTelegram.error(403, "Forbidden: bot is not a member of the supergroup chat", null));
        enqueue("requeue-group", 1, chat, "after the bot is re-added");
        dispatcher.dispatchDue();
        long id = jdbc.queryForObject("SELECT id FROM notification WHERE group_key = 'requeue-group'", Long.class);

        HttpResponse<String> failed = call("GET", "/api/v1/admin/notifications?status=failed", "key-admin", null);
        assertThat(failed.body()).contains("\"id\":" + id).contains("not a member").doesNotContain("after the bot");
        assertThat(call("GET", "/api/v1/admin/notifications", "key-rest", null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/admin/notifications/" + id + "/requeue", "key-admin", null).statusCode())
                .isEqualTo(202);
        assertThat(call("POST", "/api/v1/admin/notifications/" + id + "/requeue", "key-admin", null).statusCode())
                .as("only a failed message can be requeued").isEqualTo(400);
        run(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(telegram.requestsTo(chat)).hasSize(2);
        assertThat(telegram.deliveredTo(chat)).extracting(FakeTelegram.Received::text).containsExactly("after the bot is re-added");
    }

    @Test
    void messageTelegramCannotParseAsHtmlIsResentAsPlainTextInsteadOfLost() {
        long chat = -2009;
        telegram.answerNext(chat, 400, FakeTelegram.error(400,
                "Bad Request: can't parse entities: Unsupported start tag \\\"x\\\" at byte offset 3", null));
        enqueue("plain-group", 1, chat, "<b>Block</b> on &lt;host&gt; &amp; more");
        run(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(telegram.requestsTo(chat)).hasSize(2);
        FakeTelegram.Received resent = telegram.deliveredTo(chat).get(0);
        assertThat(resent.text()).isEqualTo("Block on <host> & more");
        assertThat(resent.body().has("parse_mode")).isFalse();
    }

    @Test
    void telegramDownForAnHourDelaysButNeverLosesAMessage() {
        long chat = 2003;
        telegram.outage(chat, 502, "<html><body>502 Bad Gateway</body></html>");
        enqueue("outage-group", 1, chat, "survives the outage");
        run(Duration.ofHours(1), Duration.ofSeconds(10));
        int attempts = telegram.requestsTo(chat).size();
        assertThat(attempts).as("retried with backoff, not hammered").isBetween(5, 40);
        assertThat(telegram.deliveredTo(chat)).isEmpty();
        assertThat(gauge("email_engine_alerting_queue_oldest_age_seconds")).isGreaterThanOrEqualTo(3600);

        telegram.endOutage(chat);
        run(Duration.ofMinutes(6), Duration.ofSeconds(10));
        assertThat(telegram.deliveredTo(chat)).extracting(FakeTelegram.Received::text).containsExactly("survives the outage");
        run(Duration.ofMinutes(30), Duration.ofMinutes(1));
        assertThat(telegram.deliveredTo(chat)).hasSize(1);
    }

    @Test
    void groupChatMigratedToASupergroupIsFollowed() {
        long old = -2004;
        long migrated = -1002004;
        telegram.answerNext(old, 400, FakeTelegram.error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                "{\"migrate_to_chat_id\":" + migrated + "}"));
        enqueue("migrate-group", 1, old, "to the old group");
        run(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(migrated)).extracting(FakeTelegram.Received::text).containsExactly("to the old group");
        assertThat(queue.followMigrations(new Destination(old, null, false)).chatId()).isEqualTo(migrated);
    }

    @Test
    void botTokenNeverAppearsInLogsStoredErrorsOrMetrics(CapturedOutput output) throws Exception {
        TelegramBotClient wrongToken = new TelegramBotClient(telegram.baseUrl(), "987654321:WRONG-token_abcdefghijklmnopq",
                Duration.ofSeconds(2));
        TelegramBotClient unreachable = new TelegramBotClient("http://127.0.0.1:1", TOKEN, Duration.ofSeconds(2));
        enqueue("token-group-a", 1, 2005, "wrong token");
        newSender(wrongToken).dispatchDue();
        enqueue("token-group-b", 1, 2006, "unreachable");
        newSender(unreachable).dispatchDue();
        telegram.answerNext(2007, 500, FakeTelegram.error(500, "Internal Server Error", null));
        enqueue("token-group-c", 1, 2007, "server error");
        dispatcher.dispatchDue();

        assertThat(statusOf("token-group-a", 1)).isEqualTo("failed");
        assertThat(statusOf("token-group-b", 1)).isEqualTo("pending");
        String stored = String.join("\n", jdbc.queryForList("SELECT coalesce(last_error, '') FROM notification", String.class));
        String metrics = call("GET", "/actuator/prometheus", null, null).body();
        assertThat(output.getAll()).contains("Telegram refused notification").contains("Sending notification");
        for (String secret : List.of(TOKEN, TOKEN.substring(TOKEN.indexOf(':') + 1), "WRONG-token_abcdefghijklmnopq")) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(stored).doesNotContain(secret);
            assertThat(metrics).doesNotContain(secret);
        }
        assertThat(metrics).contains("email_engine_alerting_notifications_failed_total")
                .contains("email_engine_alerting_queue_depth");
    }

    // ---------------------------------------------------------------- the storm

    @Test
    void stormOfTenThousandAlertsForOneIncidentIsAllStoredAndSentAsAHandfulOfMessages() {
        long chat = -1004;
        long started = System.nanoTime();
        int events = 0;
        for (int second = 0; second < 60; second++) {
            List<EventEnvelope<AlertRaised>> batch = new ArrayList<>();
            int perSecond = second < 40 ? 167 : 167 - 1; // 40 * 167 + 20 * 166 = 10,000
            for (int i = 0; i < perSecond; i++) {
                int ip = (events + i) % 100;
                batch.add(envelope("tenant-storm", new AlertRaised("storm-" + ip, Severity.CRITICAL, "bounce-ingest-service",
                        "Gmail blocks 203.0.113." + ip, "421-4.7.28 unusual rate of unsolicited mail",
                        Map.of("alertname", "GmailBlock", "ip", "203.0.113." + ip), AlertStatus.FIRING)));
            }
            tx.executeWithoutResult(s -> batch.forEach(intake::receive));
            events += perSecond;
            tick();
            clock.advance(Duration.ofSeconds(1));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("storm: %d AlertRaised stored and grouped in %.1f s (%.0f/s)%n", events, seconds, events / seconds);

        assertThat(events).isEqualTo(10_000);
        assertThat(jdbc.queryForObject("SELECT sum(occurrences) FROM alert WHERE tenant_id = 'tenant-storm'", Long.class))
                .isEqualTo(10_000);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_history WHERE tenant_id = 'tenant-storm'", Long.class))
                .isEqualTo(10_000);
        assertThat(telegram.deliveredTo(chat)).hasSize(1);
        assertThat(telegram.deliveredTo(chat).get(0).text()).contains("100 alerts firing").contains("…and 90 more");

        for (int ip = 0; ip < 100; ip++) {
            raise("tenant-storm", "GmailBlock", "storm-" + ip, Severity.CRITICAL, AlertStatus.RESOLVED, "203.0.113." + ip);
        }
        run(Duration.ofMinutes(6), Duration.ofSeconds(10));
        assertThat(telegram.deliveredTo(chat)).hasSize(2);
        assertThat(telegram.deliveredTo(chat).get(1).text()).contains("all 100 alerts resolved");
    }

    // ---------------------------------------------------------------- Kafka and REST

    @Test
    void alertFromKafkaReachesTelegramAfterTheGroupWait() {
        long chat = 3002;
        EventEnvelope<AlertRaised> event = envelope("tenant-kafka", new AlertRaised("kafka-1", Severity.CRITICAL,
                "pmta-config-service", "Deployment failed on pmta-01", null, Map.of("alertname", "DeployFailed"),
                AlertStatus.FIRING));
        try (KafkaProbe kafka = KafkaProbe.onTestKafka()) {
            kafka.send(EventType.ALERT_RAISED.topic(), event.key(), json.write(event));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM alert WHERE fingerprint = 'kafka-1' AND group_key IS NOT NULL", Long.class) == 1);
        run(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(chat)).extracting(FakeTelegram.Received::text)
                .singleElement().asString().contains("Deployment failed on pmta-01");
    }

    @Test
    void restShowsOnlyTheCallersAlertsAndHistory() throws Exception {
        raise("tenant-rest", "QuotaLow", "rest-1", Severity.WARNING, AlertStatus.FIRING, "192.0.2.50");
        raise("tenant-rest", "QuotaLow", "rest-1", Severity.WARNING, AlertStatus.RESOLVED, "192.0.2.50");
        raise("tenant-rest", "QuotaLow", "rest-2", Severity.WARNING, AlertStatus.FIRING, "192.0.2.51");

        HttpResponse<String> firing = call("GET", "/api/v1/tenants/tenant-rest/alerts?status=firing", "key-rest", null);
        assertThat(firing.statusCode()).isEqualTo(200);
        assertThat(firing.body()).contains("rest-2").doesNotContain("rest-1");
        HttpResponse<String> history = call("GET", "/api/v1/tenants/tenant-rest/alerts/history?fingerprint=rest-1",
                "key-rest", null);
        assertThat(json.mapper().readTree(history.body()).size()).isEqualTo(2);
        assertThat(call("GET", "/api/v1/tenants/tenant-rest/alerts", "key-group", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tenants/tenant-rest/alerts", "key-admin", null).body()).contains("rest-2");
        assertThat(call("GET", "/api/v1/tenants/tenant-rest/alerts?status=bogus", "key-rest", null).statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/v1/admin/alerts", "key-rest", null).statusCode()).isEqualTo(403);
    }

    @Test
    void testNotificationGoesToTheCallersRouteAndForAdminToTheAdminChat() throws Exception {
        HttpResponse<String> tenantTest = call("POST", "/api/v1/test-notification", "key-rest", null);
        assertThat(tenantTest.statusCode()).isEqualTo(202);
        assertThat(call("POST", "/api/v1/test-notification?tenant=tenant-group", "key-rest", null).statusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/v1/test-notification", "key-admin", null).statusCode()).isEqualTo(202);
        run(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(telegram.deliveredTo(3001)).extracting(FakeTelegram.Received::text)
                .anySatisfy(t -> assertThat(t).contains("Test notification").contains("tenant-rest").contains("key-rest"));
        assertThat(telegram.deliveredTo(-1009)).extracting(FakeTelegram.Received::text)
                .anySatisfy(t -> assertThat(t).contains("Test notification").contains("system").contains("key-admin"));
    }

    // ---------------------------------------------------------------- helpers

    private void run(Duration total, Duration step) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            clock.advance(step);
            tick();
        }
    }

    private void tick() {
        evaluator.evaluateDue();
        dispatcher.dispatchDue();
    }

    private NotificationDispatcher newSender(TelegramGateway gateway) {
        return new NotificationDispatcher(queue, groups, gateway, new SendPacer(Duration.ofSeconds(1), 20, 30),
                dispatchSettings, clock, meters);
    }

    private boolean enqueue(String groupKey, int seq, long chat, String text) {
        Boolean added = tx.execute(s -> queue.enqueue(new OutboundNotification(groupKey, seq, null,
                OutboundNotification.FIRING, new Destination(chat, null, false), text), clock.instant()));
        return Boolean.TRUE.equals(added);
    }

    private String statusOf(String groupKey, int seq) {
        return jdbc.queryForObject("SELECT status FROM notification WHERE group_key = ? AND seq = ?", String.class,
                groupKey, seq);
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private void raise(String tenant, String alertname, String fingerprint, Severity severity, AlertStatus status,
                       String ip) {
        raiseRaw(tenant, new AlertRaised(fingerprint, severity, "warmup-service", "Provider block on " + ip,
                "421 deferrals on " + ip, Map.of("alertname", alertname, "ip", ip), status));
    }

    private void raiseWithLabels(String tenant, String fingerprint, Severity severity, AlertStatus status,
                                 Map<String, String> labels) {
        raiseRaw(tenant, new AlertRaised(fingerprint, severity, "pmta-config-service",
                labels.get("alertname") + " on " + labels.get("host"), null, labels, status));
    }

    private void raiseRaw(String tenant, AlertRaised alert) {
        EventEnvelope<AlertRaised> event = envelope(tenant, alert);
        tx.executeWithoutResult(s -> intake.receive(event));
    }

    private EventEnvelope<AlertRaised> envelope(String tenant, AlertRaised alert) {
        return EventEnvelope.of(alert, new TenantId(tenant), alert.source(), Clock.fixed(clock.instant(),
                java.time.ZoneOffset.UTC));
    }

    private HttpResponse<String> call(String method, String path, String keyName, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (keyName != null) {
            request.header("X-API-Key", keyName + "-secret");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

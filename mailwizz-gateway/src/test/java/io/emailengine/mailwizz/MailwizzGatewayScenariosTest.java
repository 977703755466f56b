package io.emailengine.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.BounceKind;
import io.emailengine.events.BounceReceived;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.InvalidEventException;
import io.emailengine.events.ProviderQuota;
import io.emailengine.events.QuotaChanged;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.kit.security.ApiKeys;
import io.emailengine.mailwizz.application.DeliveryServerMappings;
import io.emailengine.mailwizz.application.QuotaApplier;
import io.emailengine.mailwizz.fake.FakeMailwizz;
import io.emailengine.mailwizz.fake.TcpProxy;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import io.emailengine.testsupport.TestDatabase;
import io.emailengine.testsupport.TestMariaDb;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway end to end against real Kafka, PostgreSQL and MariaDB (MailWizz's delivery_server table),
 * with MailWizz's HTTP API played by {@link FakeMailwizz}. One Spring context for all scenarios; each
 * scenario uses its own IPs, servers and addresses.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailwizzGatewayScenariosTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String KEY_A = "tenant-a-test-key";
    static final String KEY_B = "tenant-b-test-key";
    static final String KEY_ADMIN = "admin-test-key";

    static final TestDatabase MAILWIZZ_DB = TestMariaDb.get().createDatabase("mailwizz");
    static final MailwizzDatabaseFixture TABLE = new MailwizzDatabaseFixture(MAILWIZZ_DB);
    static final TcpProxy DB_PROXY = proxyTo(MAILWIZZ_DB);
    static final FakeMailwizz MAILWIZZ = new FakeMailwizz()
            .customerWithSignedKeys("customer-a", "pub-a", "priv-a")
            .customerWithApiKey("customer-b", "key-b");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static KafkaProbe kafka;

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventJson json;
    @Autowired QuotaApplier applier;
    @Autowired DeliveryServerMappings mappings;
    @Autowired MeterRegistry meters;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TABLE.createTable();
        String proxied = MAILWIZZ_DB.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + DB_PROXY.port() + "/");
        for (String tenant : new String[] {"tenant-a", "tenant-b"}) {
            String prefix = "email-engine.mailwizz.tenants." + tenant + ".";
            registry.add(prefix + "base-url", MAILWIZZ::baseUrl);
            registry.add(prefix + "jdbc-url", () -> proxied);
            registry.add(prefix + "jdbc-username", MAILWIZZ_DB::username);
            registry.add(prefix + "jdbc-password", () -> MAILWIZZ_DB.password() == null ? "" : MAILWIZZ_DB.password());
        }
        registry.add("email-engine.mailwizz.tenants.tenant-a.api-version", () -> "1");
        registry.add("email-engine.mailwizz.tenants.tenant-a.public-key", () -> "pub-a");
        registry.add("email-engine.mailwizz.tenants.tenant-a.private-key", () -> "priv-a");
        registry.add("email-engine.mailwizz.tenants.tenant-a.blacklist-complaints", () -> "true");
        registry.add("email-engine.mailwizz.tenants.tenant-a.delivery-servers[0].ip", () -> "203.0.113.10");
        registry.add("email-engine.mailwizz.tenants.tenant-a.delivery-servers[0].server-id", () -> "1");
        registry.add("email-engine.mailwizz.tenants.tenant-a.delivery-servers[1].ip", () -> "203.0.113.40");
        registry.add("email-engine.mailwizz.tenants.tenant-a.delivery-servers[1].server-id", () -> "4");
        // One MailWizz database shared by the two tenants, told apart by their MailWizz customers.
        registry.add("email-engine.mailwizz.tenants.tenant-a.customer-id", () -> "1");
        registry.add("email-engine.mailwizz.tenants.tenant-a.delivery-servers[2].ip", () -> "203.0.113.73");
        registry.add("email-engine.mailwizz.tenants.tenant-a.delivery-servers[2].server-id", () -> "9");
        registry.add("email-engine.mailwizz.tenants.tenant-b.customer-id", () -> "2");
        registry.add("email-engine.mailwizz.tenants.tenant-b.api-version", () -> "2");
        registry.add("email-engine.mailwizz.tenants.tenant-b.public-key", () -> "key-b");
        registry.add("email-engine.mailwizz.quotas.apply-interval", () -> "200ms");
        registry.add("email-engine.mailwizz.quotas.reconcile-interval", () -> "1h");
        registry.add("email-engine.mailwizz.quotas.retry-after", () -> "300ms");
        registry.add("email-engine.mailwizz.quotas.database-connect-timeout", () -> "500ms");
        registry.add("email-engine.mailwizz.suppression.poll-interval", () -> "200ms");
        registry.add("email-engine.mailwizz.suppression.initial-backoff", () -> "200ms");
        registry.add("email-engine.mailwizz.suppression.max-backoff", () -> "1s");
        registry.add("email-engine.mailwizz.client.initial-backoff", () -> "20ms");
        registry.add("email-engine.mailwizz.client.circuit-open-for", () -> "1s");
        String keys = "email-engine.security.api-keys";
        registry.add(keys + "[0].name", () -> "tenant-a");
        registry.add(keys + "[0].hash", () -> ApiKeys.hash(KEY_A));
        registry.add(keys + "[0].tenant", () -> "tenant-a");
        registry.add(keys + "[1].name", () -> "tenant-b");
        registry.add(keys + "[1].hash", () -> ApiKeys.hash(KEY_B));
        registry.add(keys + "[1].tenant", () -> "tenant-b");
        registry.add(keys + "[2].name", () -> "ops");
        registry.add(keys + "[2].hash", () -> ApiKeys.hash(KEY_ADMIN));
        registry.add(keys + "[2].admin", () -> "true");
    }

    @BeforeAll
    static void connectProbe() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void closeAll() {
        kafka.close();
        MAILWIZZ.close();
        DB_PROXY.close();
    }

    // ---------------------------------------------------------------- quotas

    @Test
    void quotaChangeWritesOnlyHourlyAndDailyQuotaOfTheMappedServerRow() {
        TABLE.insertServer(1, "vmta-203-0-113-10", "pmta1.example.com", 10, 240, null);
        TABLE.insertServer(2, "vmta-203-0-113-11", "pmta1.example.com", 10, 240, null);
        Map<Long, Map<String, Object>> before = TABLE.snapshot();

        sendQuota("tenant-a", "203.0.113.10", 4800, 200);

        await().atMost(WAIT).until(() -> "applied".equals(stateOf("tenant-a", "203.0.113.10")));
        assertThat(MailwizzDatabaseFixture.changedCells(before, TABLE.snapshot()))
                .containsOnly(Map.entry("1.hourly_quota", 200L), Map.entry("1.daily_quota", 4800L));
        assertThat(jdbc.queryForMap("SELECT server_id, applied_daily, applied_hourly FROM desired_quota WHERE ip = '203.0.113.10'"))
                .containsEntry("server_id", 1L).containsEntry("applied_daily", 4800L).containsEntry("applied_hourly", 200L);

        // the same quota again: recorded as applied, MailWizz's row untouched
        Map<Long, Map<String, Object>> applied = TABLE.snapshot();
        double unchangedBefore = writes("unchanged");
        sendQuota("tenant-a", "203.0.113.10", 4800, 200);
        await().atMost(WAIT).until(() -> writes("unchanged") > unchangedBefore);
        assertThat(MailwizzDatabaseFixture.changedCells(applied, TABLE.snapshot())).isEmpty();
    }

    @Test
    void aPoisonRecordAmongQuotaChangesGoesToTheDltWhileTheGoodOnesAroundItAreKept() {
        SendingIp ip = SendingIp.of("203.0.113.90");
        String poison = "{\"type\":\"QuotaChanged\",\"payload\": not json " + UUID.randomUUID();
        // one key, one partition: the three records arrive in this order, usually in one poll
        kafka.send(EventType.QUOTA_CHANGED.topic(), ip.value(), json.write(quotaEvent("tenant-b", "203.0.113.90", 900, 40)));
        kafka.send(EventType.QUOTA_CHANGED.topic(), ip.value(), poison);
        kafka.send(EventType.QUOTA_CHANGED.topic(), ip.value(), json.write(quotaEvent("tenant-b", "203.0.113.91", 910, 41)));

        kafka.awaitRecord(EventType.QUOTA_CHANGED.deadLetterTopic(), r -> poison.equals(KafkaProbe.text(r)), WAIT);
        await().atMost(WAIT).until(() -> stateOf("tenant-b", "203.0.113.90") != null && stateOf("tenant-b", "203.0.113.91") != null);
        assertThat(jdbc.queryForObject("SELECT daily_quota FROM desired_quota WHERE tenant_id = 'tenant-b' AND ip = '203.0.113.91'",
                Long.class)).isEqualTo(910);
    }

    @Test
    void unmappedIpRaisesAnAlertAndIsAppliedAsSoonAsItIsMapped() {
        TABLE.insertServer(3, "pool-b", "pmta2.example.com", 5, 50, null);

        sendQuota("tenant-a", "203.0.113.20", 1000, 42);

        await().atMost(WAIT).until(() -> "unmapped".equals(stateOf("tenant-a", "203.0.113.20")));
        kafka.awaitRecord(EventType.ALERT_RAISED.topic(), alert(a -> a.status() == AlertStatus.FIRING
                && "unmapped".equals(a.labels().get("kind")) && "203.0.113.20".equals(a.labels().get("ip"))), WAIT);
        assertThat(TABLE.quota(3, "daily_quota")).isEqualTo(50);

        mappings.map(TenantId.of("tenant-a"), "203.0.113.20", 3, "operator");

        await().atMost(WAIT).until(() -> "applied".equals(stateOf("tenant-a", "203.0.113.20")));
        assertThat(TABLE.quota(3, "daily_quota")).isEqualTo(1000);
        assertThat(TABLE.quota(3, "hourly_quota")).isEqualTo(42);
        kafka.awaitRecord(EventType.ALERT_RAISED.topic(), alert(a -> a.status() == AlertStatus.RESOLVED
                && "unmapped".equals(a.labels().get("kind")) && "203.0.113.20".equals(a.labels().get("ip"))), WAIT);
    }

    @Test
    void serverIsDiscoveredByHostnameWhenNoMappingIsConfigured() {
        TABLE.insertServer(5, "ip-30", "203.0.113.30", 1, 1, null);

        sendQuota("tenant-a", "203.0.113.30", 2400, 100);

        await().atMost(WAIT).until(() -> "applied".equals(stateOf("tenant-a", "203.0.113.30")));
        assertThat(TABLE.quota(5, "daily_quota")).isEqualTo(2400);
        assertThat(jdbc.queryForObject("SELECT source FROM delivery_server_mapping WHERE tenant_id = 'tenant-a' AND subject = ?",
                String.class, "203.0.113.30")).isEqualTo("discovered");
    }

    @Test
    void aTenantNeitherDiscoversNorWritesTheDeliveryServerOfAnotherCustomer() {
        // Customer 2 (tenant-b) has a server named after tenant-a's IP, and tenant-a's configuration maps
        // another IP to a server id of customer 2: neither may receive tenant-a's quotas.
        TABLE.insertServer(8, 2, "ip-72", "203.0.113.72", 3, 30, null);
        TABLE.insertServer(9, 2, "ip-73", "203.0.113.73", 3, 30, null);

        sendQuota("tenant-a", "203.0.113.72", 7000, 700);
        sendQuota("tenant-a", "203.0.113.73", 7100, 710);

        await().atMost(WAIT).until(() -> "unmapped".equals(stateOf("tenant-a", "203.0.113.72"))
                && "unmapped".equals(stateOf("tenant-a", "203.0.113.73")));
        assertThat(TABLE.quota(8, "daily_quota")).isEqualTo(30);
        assertThat(TABLE.quota(9, "daily_quota")).isEqualTo(30);
        assertThat(jdbc.queryForList("SELECT source || ':' || server_id FROM delivery_server_mapping WHERE tenant_id = 'tenant-a' AND subject = ?",
                String.class, "203.0.113.72")).as("not discovered").isEmpty();
    }

    @Test
    void serverWithMailwizzWarmupPlanIsNotOverwrittenAndTheConflictIsAlerted() {
        TABLE.insertServer(4, "vmta-203-0-113-40", "pmta1.example.com", 7, 70, 9L);
        Map<Long, Map<String, Object>> before = TABLE.snapshot();

        sendQuota("tenant-a", "203.0.113.40", 9000, 400);

        await().atMost(WAIT).until(() -> "warmup-conflict".equals(stateOf("tenant-a", "203.0.113.40")));
        kafka.awaitRecord(EventType.ALERT_RAISED.topic(), alert(a -> a.status() == AlertStatus.FIRING
                && "warmup-conflict".equals(a.labels().get("kind")) && "203.0.113.40".equals(a.labels().get("ip"))), WAIT);
        assertThat(MailwizzDatabaseFixture.changedCells(before, TABLE.snapshot())).isEmpty();
    }

    @Test
    void reconciliationRepairsDriftAndCountsIt() {
        TABLE.insertServer(6, "ip-50", "203.0.113.50", 1, 1, null);
        sendQuota("tenant-a", "203.0.113.50", 3000, 125);
        await().atMost(WAIT).until(() -> "applied".equals(stateOf("tenant-a", "203.0.113.50")));
        TABLE.execute("UPDATE mw_delivery_server SET daily_quota = 99999 WHERE server_id = 6");
        double repairedBefore = meters.counter("email_engine_mailwizz_quota_drift_repaired").count();

        await().atMost(WAIT).until(() -> applier.reconcile() >= 0 && TABLE.quota(6, "daily_quota") == 3000);

        assertThat(TABLE.quota(6, "hourly_quota")).isEqualTo(125);
        assertThat(meters.counter("email_engine_mailwizz_quota_drift_repaired").count()).isGreaterThan(repairedBefore);
    }

    @Test
    void quotaChangesSurviveADatabaseOutageAndAreAppliedWhenItReturns() {
        TABLE.insertServer(7, "ip-60", "203.0.113.60", 1, 1, null);
        DB_PROXY.stop();
        try {
            sendQuota("tenant-a", "203.0.113.60", 5000, 210);
            await().atMost(WAIT).until(() -> attemptsOf("tenant-a", "203.0.113.60") >= 2);
            assertThat(stateOf("tenant-a", "203.0.113.60")).isEqualTo("retry");
            sendQuota("tenant-a", "203.0.113.60", 6000, 250);
        } finally {
            DB_PROXY.start();
        }
        await().atMost(WAIT).until(() -> "applied".equals(stateOf("tenant-a", "203.0.113.60")));
        assertThat(TABLE.quota(7, "daily_quota")).isEqualTo(6000);
        assertThat(TABLE.quota(7, "hourly_quota")).isEqualTo(250);
    }

    // ---------------------------------------------------------------- suppression

    @Test
    void hardBounceWithMessageIdPostsASignedHardCampaignBounce() {
        MAILWIZZ.on("GET", "/campaigns/delivery-logs/email-message-id/m1@mail.example.com", FakeMailwizz.Answer.success(
                "{\"record\":{\"campaign\":{\"campaign_uid\":\"cu-1\"},\"subscriber\":{\"subscriber_uid\":\"su-1\"}}}"));
        MAILWIZZ.on("POST", "/campaigns/cu-1/bounces", new FakeMailwizz.Answer(201, "{\"status\":\"success\"}"));

        UUID event = sendBounce("tenant-a", BounceKind.HARD, "gone@example.net", "<m1@mail.example.com>");

        await().atMost(WAIT).until(() -> "done".equals(suppressionState(event)));
        assertThat(suppressionOutcome(event)).isEqualTo("bounce-created");
        FakeMailwizz.Received post = MAILWIZZ.received("POST", "/campaigns/cu-1/bounces").get(0);
        assertThat(post.customer()).isEqualTo("customer-a");
        assertThat(post.header("X-MW-SIGNATURE")).isNotNull();
        assertThat(post.form()).containsEntry("subscriber_uid", "su-1").containsEntry("bounce_type", "hard")
                .containsEntry("message", "5.1.1 550 5.1.1 user unknown");
    }

    @Test
    void duplicateBounceAnswered422CountsAsDone() {
        MAILWIZZ.on("GET", "/campaigns/delivery-logs/email-message-id/m2@mail.example.com", FakeMailwizz.Answer.success(
                "{\"record\":{\"campaign\":{\"campaign_uid\":\"cu-2\"},\"subscriber\":{\"subscriber_uid\":\"su-2\"}}}"));
        MAILWIZZ.on("POST", "/campaigns/cu-2/bounces", new FakeMailwizz.Answer(422,
                "{\"status\":\"error\",\"error\":{\"subscriber_uid\":\"This subscriber already bounced.\"}}"));

        UUID event = sendBounce("tenant-b", BounceKind.HARD, "again@example.net", "m2@mail.example.com");

        await().atMost(WAIT).until(() -> "done".equals(suppressionState(event)));
        assertThat(suppressionOutcome(event)).isEqualTo("bounce-duplicate");
        assertThat(MAILWIZZ.received("POST", "/campaigns/cu-2/bounces")).hasSize(1)
                .allSatisfy(r -> assertThat(r.header("X-API-KEY")).isEqualTo("key-b"));
    }

    @Test
    void complaintUnsubscribesFromAllListsAndBlacklistsOnlyWhereConfigured() {
        MAILWIZZ.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", FakeMailwizz.Answer.success("{}"));
        MAILWIZZ.on("GET", "/lists/subscribers/search-by-email-in-all-lists", request ->
                "angry@example.org".equals(request.query().get("EMAIL"))
                        ? FakeMailwizz.Answer.success(
                                "{\"count\":\"1\",\"records\":[{\"subscriber_uid\":\"su-9\",\"list\":{\"list_uid\":\"li-9\"}}]}")
                        : FakeMailwizz.Answer.error(404, "Subscriber not found"));
        MAILWIZZ.on("PUT", "/lists/li-9/subscribers/su-9", FakeMailwizz.Answer.success("{}"));

        UUID blacklisting = sendBounce("tenant-a", BounceKind.COMPLAINT, "angry@example.org", null);
        UUID unsubscribeOnly = sendBounce("tenant-b", BounceKind.COMPLAINT, "cross@example.org", null);

        await().atMost(WAIT).until(() -> "done".equals(suppressionState(blacklisting)) && "done".equals(suppressionState(unsubscribeOnly)));
        assertThat(suppressionOutcome(blacklisting)).isEqualTo("unsubscribed-and-blacklisted");
        assertThat(suppressionOutcome(unsubscribeOnly)).isEqualTo("unsubscribed");
        assertThat(MAILWIZZ.received("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists"))
                .extracting(r -> r.customer() + ":" + r.form().get("EMAIL"))
                .contains("customer-a:angry@example.org", "customer-b:cross@example.org");
        assertThat(MAILWIZZ.received("PUT", "/lists/li-9/subscribers/su-9")).singleElement()
                .satisfies(r -> assertThat(r.form()).containsEntry("details", Map.of("status", "blacklisted"))
                        .containsEntry("EMAIL", "angry@example.org"));
    }

    @Test
    void hardBounceWithoutMessageIdFallsBackToTheAddress() {
        MAILWIZZ.on("GET", "/lists/subscribers/search-by-email-in-all-lists", request ->
                "nomsgid@example.net".equals(request.query().get("EMAIL"))
                        ? FakeMailwizz.Answer.success("{\"records\":[{\"subscriber_uid\":\"su-7\",\"list_uid\":\"li-7\"}]}")
                        : FakeMailwizz.Answer.error(404, "Subscriber not found"));
        MAILWIZZ.on("PUT", "/lists/li-7/subscribers/su-7", FakeMailwizz.Answer.success("{}"));

        UUID event = sendBounce("tenant-b", BounceKind.HARD, "nomsgid@example.net", null);

        await().atMost(WAIT).until(() -> "done".equals(suppressionState(event)));
        assertThat(suppressionOutcome(event)).isEqualTo("blacklisted-by-email");
        assertThat(MAILWIZZ.received("PUT", "/lists/li-7/subscribers/su-7")).hasSize(1);
    }

    @Test
    void unknownMessageIsRecordedAsNotFoundAndNotRetried() {
        UUID event = sendBounce("tenant-a", BounceKind.HARD, null, "<never-sent@mail.example.com>");

        await().atMost(WAIT).until(() -> "not-found".equals(suppressionState(event)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM pending_suppression WHERE event_id = ?", Integer.class, event)).isZero();
        assertThat(MAILWIZZ.received("GET", "/campaigns/delivery-logs/email-message-id/never-sent@mail.example.com")).hasSize(1);
    }

    @Test
    void mailwizzOfflineForAWhileMeansRetriesThatConverge() {
        MAILWIZZ.on("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", FakeMailwizz.Answer.success("{}"));
        MAILWIZZ.outage(12, 503);

        UUID event = sendBounce("tenant-b", BounceKind.COMPLAINT, "patient@example.org", null);

        await().atMost(WAIT).until(() -> "done".equals(suppressionState(event)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM pending_suppression WHERE event_id = ?", Integer.class, event)).isPositive();
        assertThat(suppressionOutcome(event)).isEqualTo("unsubscribed");
    }

    // ---------------------------------------------------------------- tenant facade

    @Test
    void eachTenantReachesOnlyItsOwnMailwizzCustomer() throws Exception {
        MAILWIZZ.on("GET", "/lists", request -> FakeMailwizz.Answer.success("{\"count\":\"1\",\"total_pages\":\"1\","
                + "\"records\":[{\"general\":{\"list_uid\":\"list-of-" + request.customer() + "\"}}]}"));

        HttpResponse<String> own = call("GET", "/api/v1/tenants/tenant-a/mailwizz/lists", KEY_A, null);
        HttpResponse<String> other = call("GET", "/api/v1/tenants/tenant-b/mailwizz/lists", KEY_A, null);
        HttpResponse<String> ownB = call("GET", "/api/v1/tenants/tenant-b/mailwizz/lists", KEY_B, null);
        HttpResponse<String> anonymous = call("GET", "/api/v1/tenants/tenant-a/mailwizz/lists", null, null);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("list-of-customer-a").doesNotContain("customer-b");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(ownB.body()).contains("list-of-customer-b").doesNotContain("customer-a");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(MAILWIZZ.received("GET", "/lists")).extracting(FakeMailwizz.Received::customer)
                .containsExactly("customer-a", "customer-b");
    }

    @Test
    void subscribingSendsFieldTagsInPhpBracketFormAndAnExistingSubscriberIsAConflict() throws Exception {
        MAILWIZZ.on("POST", "/lists/la123/subscribers", request -> "taken@example.com".equals(request.form().get("EMAIL"))
                ? new FakeMailwizz.Answer(409, "{\"status\":\"error\",\"error\":\"The subscriber already exists in this list.\"}")
                : new FakeMailwizz.Answer(201, "{\"status\":\"success\",\"data\":{\"record\":{\"subscriber_uid\":\"sub-new\"}}}"));

        HttpResponse<String> created = call("POST", "/api/v1/tenants/tenant-a/mailwizz/lists/la123/subscribers", KEY_A,
                "{\"email\":\"new@example.com\",\"fields\":{\"FNAME\":\"Zoë *\",\"LNAME\":\"O'Neil\"},\"status\":\"confirmed\"}");
        HttpResponse<String> conflict = call("POST", "/api/v1/tenants/tenant-a/mailwizz/lists/la123/subscribers", KEY_A,
                "{\"email\":\"taken@example.com\"}");
        HttpResponse<String> invalid = call("POST", "/api/v1/tenants/tenant-a/mailwizz/lists/la123/subscribers", KEY_A,
                "{\"email\":\"new@example.com\",\"fields\":{\"bad tag\":\"x\"}}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("sub-new");
        FakeMailwizz.Received post = MAILWIZZ.received("POST", "/lists/la123/subscribers").get(0);
        assertThat(post.form()).containsEntry("EMAIL", "new@example.com").containsEntry("FNAME", "Zoë *")
                .containsEntry("LNAME", "O'Neil").containsEntry("details", Map.of("status", "confirmed"));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(MAILWIZZ.received("POST", "/lists/la123/subscribers")).hasSize(2);
    }

    @Test
    void campaignsStatsPauseAndTemplatesAreProxiedWithTheTenantsKey() throws Exception {
        MAILWIZZ.on("GET", "/campaigns/cb123/stats", FakeMailwizz.Answer.success(
                "{\"campaign_status\":\"sending\",\"subscribers_count\":\"1000\",\"hard_bounce_count\":null}"));
        MAILWIZZ.on("PUT", "/campaigns/cb123/pause-unpause", FakeMailwizz.Answer.success("{\"campaign\":{\"status\":\"paused\"}}"));
        MAILWIZZ.on("POST", "/templates", new FakeMailwizz.Answer(201, "{\"status\":\"success\",\"template_uid\":\"tpl-1\"}"));
        MAILWIZZ.on("GET", "/campaigns/missing1", FakeMailwizz.Answer.error(404, "The campaign does not exist."));

        HttpResponse<String> stats = call("GET", "/api/v1/tenants/tenant-b/mailwizz/campaigns/cb123/stats", KEY_B, null);
        HttpResponse<String> paused = call("PUT", "/api/v1/tenants/tenant-b/mailwizz/campaigns/cb123/pause-unpause", KEY_B, null);
        HttpResponse<String> template = call("POST", "/api/v1/tenants/tenant-b/mailwizz/templates", KEY_B,
                "{\"name\":\"Welcome\",\"content\":\"<html><body>Hi [FNAME]</body></html>\"}");
        HttpResponse<String> missing = call("GET", "/api/v1/tenants/tenant-b/mailwizz/campaigns/missing1", KEY_B, null);
        HttpResponse<String> traversal = call("GET", "/api/v1/tenants/tenant-b/mailwizz/campaigns/..%2Flists/stats", KEY_B, null);

        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"subscribers_count\":\"1000\"");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(MAILWIZZ.received("PUT", "/campaigns/cb123/pause-unpause")).singleElement()
                .satisfies(r -> assertThat(r.header("X-HTTP-Method-Override")).isEqualTo("PUT"));
        assertThat(template.statusCode()).isEqualTo(201);
        assertThat(MAILWIZZ.received("POST", "/templates")).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("template", Map.of("name", "Welcome", "content", "<html><body>Hi [FNAME]</body></html>")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(traversal.statusCode()).isIn(400, 404);
        assertThat(MAILWIZZ.received()).allSatisfy(r -> assertThat(r.path()).doesNotContain(".."));
    }

    @Test
    void searchAndUnsubscribeReachTheTenantsListAndQuotaStatesAreTenantScoped() throws Exception {
        MAILWIZZ.on("GET", "/lists/la777/subscribers/search-by-email", request -> "found@example.com".equals(request.query().get("EMAIL"))
                ? FakeMailwizz.Answer.success("{\"subscriber_uid\":\"su-777\",\"status\":\"confirmed\"}")
                : FakeMailwizz.Answer.error(404, "The subscriber does not exist in this list."));
        MAILWIZZ.on("PUT", "/lists/la777/subscribers/su-777/unsubscribe", FakeMailwizz.Answer.success("{}"));
        sendQuota("tenant-b", "198.51.100.5", 700, 30);
        await().atMost(WAIT).until(() -> stateOf("tenant-b", "198.51.100.5") != null);

        HttpResponse<String> found = call("GET", "/api/v1/tenants/tenant-a/mailwizz/lists/la777/subscribers/search?email=found@example.com",
                KEY_A, null);
        HttpResponse<String> missing = call("GET", "/api/v1/tenants/tenant-a/mailwizz/lists/la777/subscribers/search?email=no@example.com",
                KEY_A, null);
        HttpResponse<String> unsubscribed = call("PUT", "/api/v1/tenants/tenant-a/mailwizz/lists/la777/subscribers/su-777/unsubscribe",
                KEY_A, null);
        HttpResponse<String> quotasOfB = call("GET", "/api/v1/tenants/tenant-b/mailwizz/quotas", KEY_B, null);
        HttpResponse<String> quotasOfBByA = call("GET", "/api/v1/tenants/tenant-b/mailwizz/quotas", KEY_A, null);
        HttpResponse<String> quotasOfA = call("GET", "/api/v1/tenants/tenant-a/mailwizz/quotas", KEY_A, null);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("su-777");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        assertThat(MAILWIZZ.received("PUT", "/lists/la777/subscribers/su-777/unsubscribe")).singleElement()
                .satisfies(r -> assertThat(r.customer()).isEqualTo("customer-a"));
        assertThat(quotasOfB.statusCode()).isEqualTo(200);
        assertThat(quotasOfB.body()).contains("198.51.100.5");
        assertThat(quotasOfBByA.statusCode()).isEqualTo(403);
        assertThat(quotasOfA.body()).doesNotContain("198.51.100.5");
    }

    @Test
    void onlyAdminsMapDeliveryServers() throws Exception {
        HttpResponse<String> byTenant = call("PUT", "/api/v1/admin/mailwizz/tenants/tenant-a/delivery-servers/203.0.113.70", KEY_A,
                "{\"serverId\":70}");
        HttpResponse<String> byAdmin = call("PUT", "/api/v1/admin/mailwizz/tenants/tenant-a/delivery-servers/203.0.113.70",
                KEY_ADMIN, "{\"serverId\":70}");
        HttpResponse<String> badSubject = call("PUT", "/api/v1/admin/mailwizz/tenants/tenant-a/delivery-servers/a;b",
                KEY_ADMIN, "{\"serverId\":70}");

        assertThat(byTenant.statusCode()).isEqualTo(403);
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(badSubject.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT server_id FROM delivery_server_mapping WHERE tenant_id = 'tenant-a' AND subject = ?",
                Long.class, "203.0.113.70")).isEqualTo(70);
    }

    @Test
    void deliveryServersAreDiscoveredThroughTheApiByHostname() throws Exception {
        MAILWIZZ.on("GET", "/delivery-servers", request -> "customer-b".equals(request.customer())
                ? FakeMailwizz.Answer.success("{\"count\":\"2\",\"total_pages\":\"1\",\"current_page\":\"1\",\"next_page\":null,"
                        + "\"records\":[{\"server_id\":\"80\",\"name\":\"Main PMTA\",\"hostname\":\"203.0.113.80\",\"status\":\"active\"},"
                        + "{\"server_id\":\"81\",\"name\":\"vmta-pool-81\",\"hostname\":\"smtp.example.com\",\"status\":\"active\"}]}")
                : FakeMailwizz.Answer.error(404, "not this customer"));

        HttpResponse<String> discovered = call("POST", "/api/v1/admin/mailwizz/tenants/tenant-b/delivery-servers/discover", KEY_ADMIN,
                null);

        assertThat(discovered.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT subject || '=' || server_id FROM delivery_server_mapping WHERE tenant_id = 'tenant-b'"
                + " AND source = 'discovered' ORDER BY subject", String.class))
                .contains("203.0.113.80=80").doesNotContain("smtp.example.com=81", "vmta-pool-81=81");
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void prometheusExportsQuotaSuppressionCallAndCircuitBreakerMetrics() throws Exception {
        sendQuota("tenant-a", "203.0.113.10", 4800, 200);
        MAILWIZZ.on("GET", "/lists", FakeMailwizz.Answer.success("{\"records\":[]}"));
        assertThat(call("GET", "/api/v1/tenants/tenant-a/mailwizz/lists", KEY_A, null).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> writes("unchanged") + writes("written") > 0);

        String metrics = call("GET", "/actuator/prometheus", null, null).body();

        assertThat(metrics).contains("email_engine_mailwizz_quota_writes_total{", "email_engine_mailwizz_quota_drift_repaired_total",
                "email_engine_mailwizz_quotas_unapplied", "email_engine_mailwizz_suppressions_pending",
                "email_engine_mailwizz_calls_total{endpoint=\"GET /lists\"", "resilience4j_circuitbreaker_state{");
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<String> call(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private UUID sendBounce(String tenant, BounceKind kind, String recipient, String messageId) {
        SendingIp ip = SendingIp.of("203.0.113.99");
        BounceReceived bounce = new BounceReceived(kind, Provider.GMAIL, ip, VirtualMtaName.forIp(ip), recipient,
                kind == BounceKind.HARD ? "5.1.1" : null, kind == BounceKind.HARD ? "550 5.1.1 user unknown" : null, null, null,
                messageId, null, kind == BounceKind.HARD ? "b" : "f", Instant.now());
        EventEnvelope<BounceReceived> event = EventEnvelope.of(bounce, TenantId.of(tenant), "bounce-ingest-service", Clock.systemUTC());
        kafka.send(EventType.BOUNCE_RECEIVED.topic(), event.key(), json.write(event));
        return event.eventId();
    }

    private String suppressionState(UUID event) {
        return jdbc.query("SELECT state FROM pending_suppression WHERE event_id = ?", rs -> rs.next() ? rs.getString(1) : null, event);
    }

    private String suppressionOutcome(UUID event) {
        return jdbc.query("SELECT outcome FROM pending_suppression WHERE event_id = ?", rs -> rs.next() ? rs.getString(1) : null, event);
    }

    private void sendQuota(String tenant, String ip, long daily, long hourly) {
        EventEnvelope<QuotaChanged> event = quotaEvent(tenant, ip, daily, hourly);
        kafka.send(EventType.QUOTA_CHANGED.topic(), event.key(), json.write(event));
    }

    private static EventEnvelope<QuotaChanged> quotaEvent(String tenant, String ip, long daily, long hourly) {
        SendingIp sendingIp = SendingIp.of(ip);
        QuotaChanged change = new QuotaChanged(sendingIp, VirtualMtaName.forIp(sendingIp),
                Map.of(Provider.GMAIL, new ProviderQuota(daily, hourly)), daily, hourly, 2, 2, "stage 2", UUID.randomUUID());
        return EventEnvelope.of(change, TenantId.of(tenant), "warmup-service", Clock.systemUTC());
    }

    private String stateOf(String tenant, String ip) {
        return jdbc.query("SELECT apply_state FROM desired_quota WHERE tenant_id = ? AND ip = ?",
                rs -> rs.next() ? rs.getString(1) : null, tenant, ip);
    }

    private int attemptsOf(String tenant, String ip) {
        Integer attempts = jdbc.query("SELECT attempts FROM desired_quota WHERE tenant_id = ? AND ip = ?",
                rs -> rs.next() ? rs.getInt(1) : null, tenant, ip);
        return attempts == null ? 0 : attempts;
    }

    private double writes(String outcome) {
        var counter = meters.find("email_engine_mailwizz_quota_writes").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private Predicate<ConsumerRecord<String, byte[]>> alert(Predicate<AlertRaised> match) {
        return record -> {
            try {
                return match.test(json.read(KafkaProbe.text(record), AlertRaised.class).payload());
            } catch (InvalidEventException other) {
                return false;
            }
        };
    }

    private static TcpProxy proxyTo(TestDatabase database) {
        Matcher m = Pattern.compile("jdbc:\\w+://([^:/]+):(\\d+)/.*").matcher(database.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("unexpected MariaDB URL " + database.jdbcUrl());
        }
        return new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
    }
}

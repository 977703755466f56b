package io.emailengine.warmup.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.BounceKind;
import io.emailengine.events.BounceReceived;
import io.emailengine.events.DeliveryReport;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.QuotaChanged;
import io.emailengine.events.Severity;
import io.emailengine.events.WarmupTick;
import io.emailengine.events.types.MessageRate;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.MutableClock;
import io.emailengine.testsupport.RealInfrastructure;
import io.emailengine.warmup.application.TickEmitter;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.Quotas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.emailengine.warmup.dns.LoopbackDnsServer;
import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.DkimKeyStatus;
import io.emailengine.warmup.application.ReadinessCheck;
import io.emailengine.warmup.domain.DkimKeyMatch;
import io.emailengine.warmup.domain.SendingIpSpec;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;

/**
 * The engine end to end against real Kafka and PostgreSQL: REST in, ticks through Kafka, decisions
 * in the log, events out through the outbox. Time is a test clock moved forward by the scenarios;
 * each scenario uses its own IPs and only moves the clock forward, so they run in any order.
 */
@RealInfrastructure
@ActiveProfiles("test")
// Closed after the class: a cached context would keep consuming the shared test topics next to the
// infrastructure test's own context and answer its poison message with a second alert.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarmupEngineIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String KEY_A = "test-key-tenant-a";
    static final String KEY_B = "test-key-tenant-b";
    static final String KEY_ADMIN = "test-key-admin";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T08:00:30Z"));
    static final LoopbackDnsServer DNS = startDns();
    static KafkaProbe kafka;

    private static LoopbackDnsServer startDns() {
        try {
            return new LoopbackDnsServer();
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dnsResolver(DynamicPropertyRegistry registry) {
        registry.add("email-engine.warmup.dns.enabled", () -> "true");
        registry.add("email-engine.warmup.dns.resolver", DNS::host);
        registry.add("email-engine.warmup.dns.port", DNS::port);
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventJson json;
    @Autowired TickEmitter ticks;
    @Autowired PlanTemplate standardPlan;
    @Autowired io.emailengine.warmup.application.ReadinessMonitor readinessMonitor;
    @Autowired ReadinessCheck readinessCheck;
    @Autowired io.emailengine.warmup.application.WarmupMetrics warmupMetrics;
    @Autowired io.emailengine.kit.outbox.OutboxRelay relay;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void connect() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
        DNS.close();
    }

    @Test
    void startedIpPublishesThePlanNumbersAndAHealthyDayPromotesItThroughTheTick() throws Exception {
        String ip = "203.0.113.20";
        register(ip);
        assertThat(call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}").statusCode()).isEqualTo(200);

        QuotaChanged started = awaitQuota(ip, 0);
        long gmailStage0 = standardPlan.scheduleFor(Provider.GMAIL).volumeOf(0);
        assertThat(started.providers().get(Provider.GMAIL).daily()).isEqualTo(gmailStage0);
        assertThat(started.providers().get(Provider.GMAIL).hourly()).isEqualTo(Quotas.hourly(gmailStage0, 24));
        assertThat(started.providers()).containsOnlyKeys(Provider.GMAIL, Provider.MICROSOFT, Provider.YAHOO, Provider.OTHER);

        sendHealthyDay(ip, CLOCK.instant().plus(Duration.ofHours(1)), 0);
        CLOCK.advance(Duration.ofDays(1).plusHours(1));
        emitTick();

        QuotaChanged promoted = awaitQuota(ip, 1);
        long gmailStage1 = standardPlan.scheduleFor(Provider.GMAIL).volumeOf(1);
        assertThat(promoted.providers().get(Provider.GMAIL).daily()).isEqualTo(gmailStage1);
        assertThat(promoted.providers().get(Provider.YAHOO).daily()).isEqualTo(standardPlan.scheduleFor(Provider.YAHOO).volumeOf(1));
        assertThat(promoted.warmupDay()).isEqualTo(1);
        assertThat(promoted.reason()).contains("gmail: healthy day").contains("promoted to stage 1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_log WHERE decision_id = ? AND kind = 'PROMOTE'",
                Long.class, promoted.decisionId())).isEqualTo(4);

        PmtaConfigRequested pmta = awaitPmta(ip, Quotas.hourly(gmailStage1, 24));
        assertThat(pmta.vmta().name()).isEqualTo(VirtualMtaName.forIp(SendingIp.of(ip)));
        assertThat(pmta.vmta().heloHostname()).isEqualTo("mta20.example.com");
        assertThat(pmta.pausedProviders()).isEmpty();

        warmupMetrics.refresh();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("email_engine_warmup_stage\\{ip=\"203\\.0\\.113\\.20\",provider=\"gmail\".*\\} 1\\.0")
                .contains("email_engine_warmup_decisions_total{kind=\"promote\",provider=\"gmail\"");
    }

    @Test
    void aBounceSpikeWithinTheHourBacksOffTheProviderAndRaisesAnAlert() throws Exception {
        String ip = "203.0.113.21";
        register(ip);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
        HttpResponse<String> override = call("POST", "/api/v1/admin/tenants/tenant-a/ips/" + ip + "/warmup/stage", KEY_ADMIN,
                "{\"provider\":\"gmail\",\"stage\":20}");
        assertThat(override.statusCode()).as(override.body()).isEqualTo(200);
        long stage20 = standardPlan.scheduleFor(Provider.GMAIL).volumeOf(20);
        awaitQuotaWhere(ip, q -> q.providers().get(Provider.GMAIL).daily() == stage20);

        Instant spikeAt = CLOCK.instant().truncatedTo(ChronoUnit.MINUTES);
        sendReport(ip, Provider.GMAIL, spikeAt, 1_900, 100, 0);
        awaitDelivered(ip, "gmail", 1_900);
        CLOCK.advance(Duration.ofHours(1));
        emitTick();

        int backedOffStage = standardPlan.scheduleFor(Provider.GMAIL).highestStageAtMost(stage20 / 2);
        long backedOff = standardPlan.scheduleFor(Provider.GMAIL).volumeOf(backedOffStage);
        QuotaChanged quota = awaitQuotaWhere(ip, q -> q.providers().get(Provider.GMAIL).daily() == backedOff);
        assertThat(quota.reason()).contains("hard-bounce rate 5.00% ≥ 2.00% over the last hour (2,000 attempts)");
        Map<String, Object> decision = jdbc.queryForMap(
                "SELECT kind, numbers::text AS numbers, alert FROM decision_log WHERE decision_id = ? AND provider = 'gmail'",
                quota.decisionId());
        assertThat(decision).containsEntry("kind", "BACK_OFF").containsEntry("alert", "WARNING");
        JsonNode numbers = mapper.readTree((String) decision.get("numbers"));
        assertThat(numbers.get("hardBounceRate").asDouble()).isEqualTo(0.05);
        assertThat(numbers.get("attempts").asLong()).isEqualTo(2_000);
        assertThat(numbers.get("maxHardBounceRate").asDouble()).isEqualTo(0.02);

        ConsumerRecord<String, byte[]> alert = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> KafkaProbe.text(r).contains(quota.decisionId().toString()), WAIT);
        AlertRaised raised = json.read(KafkaProbe.text(alert), AlertRaised.class).payload();
        assertThat(raised.severity()).isEqualTo(Severity.WARNING);
        assertThat(raised.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(raised.labels()).containsEntry("ip", ip).containsEntry("provider", "gmail").containsEntry("decision", "back_off");
    }

    @Test
    void aRedeliveredOrRepeatedTickDoesNotPromoteTwice() throws Exception {
        String ip = "203.0.113.22";
        register(ip);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
        awaitQuota(ip, 0);
        sendHealthyDay(ip, CLOCK.instant().plus(Duration.ofHours(1)), 0);
        CLOCK.advance(Duration.ofDays(1).plusHours(1));
        EventEnvelope<WarmupTick> tick = emitTick();
        awaitQuota(ip, 1);

        // the same record again (redelivery), and the same tick time under a new event id (a second emitter)
        kafka.send(EventType.WARMUP_TICK.topic(), tick.key(), json.write(tick));
        kafka.send(EventType.WARMUP_TICK.topic(), tick.key(), json.write(tick.withEventId(UUID.randomUUID())));
        EventEnvelope<WarmupTick> marker = EventEnvelope.of(new WarmupTick(UUID.randomUUID(),
                tick.payload().tickTime().plusSeconds(1), Duration.ofHours(1)), null, "test", CLOCK);
        kafka.send(EventType.WARMUP_TICK.topic(), marker.key(), json.write(marker));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, marker.eventId()) == 1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_log WHERE ip = ? AND provider = 'gmail' AND kind = 'PROMOTE'",
                Long.class, ip)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT stage FROM warmup_state WHERE ip = ? AND provider = 'gmail'", Integer.class, ip))
                .isEqualTo(1);
    }

    @Test
    void aTenantCannotReadOrChangeAnotherTenantsIp() throws Exception {
        String ip = "203.0.113.23";
        register(ip);
        String path = "/api/v1/tenants/tenant-a/ips/" + ip;

        assertThat(call("GET", path, KEY_B, null).statusCode()).isEqualTo(403);
        assertThat(call("PUT", path, KEY_B, body(ip)).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", path, KEY_B, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", path + "/warmup/start", KEY_B, "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tenants/tenant-b/ips/" + ip, KEY_B, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/tenants/tenant-b/ips/" + ip + "/warmup/start", KEY_B, "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> stolen = call("POST", "/api/v1/tenants/tenant-b/ips", KEY_B, body(ip));
        assertThat(stolen.statusCode()).isEqualTo(409);
        assertThat(stolen.body()).contains("owned by another tenant");
        assertThat(call("GET", "/api/v1/tenants/tenant-b/ips", KEY_B, null).body()).doesNotContain(ip);
        assertThat(call("GET", path, KEY_A, null).body()).contains("\"tenant\":\"tenant-a\"");
    }

    @Test
    void invalidRegistrationNamesEveryFieldAndWhyAndBulkKeepsTheGoodLines() throws Exception {
        HttpResponse<String> invalid = call("POST", "/api/v1/tenants/tenant-a/ips", KEY_A, """
                {"ip":"999.1.1.1","heloHostname":"bad host","sendingDomain":"example.com","dkimSelector":"s1",
                 "hostId":"pmta-1","pool":"p;rm","sendingHours":30}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode fields = mapper.readTree(invalid.body()).get("fields");
        assertThat(fields.findValuesAsText("field")).containsExactlyInAnyOrder("ip", "heloHostname", "pool", "sendingHours");
        assertThat(invalid.body()).contains("not an IP address literal");

        register("203.0.113.30");
        HttpResponse<String> bulk = call("POST", "/api/v1/tenants/tenant-a/ips/bulk", KEY_A,
                "[" + body("203.0.113.31") + "," + body("203.0.113.30") + ",{\"ip\":\"nope\"}," + body("2001:DB8::31") + "]");
        assertThat(bulk.statusCode()).isEqualTo(200);
        JsonNode answer = mapper.readTree(bulk.body());
        assertThat(answer.get("created").asInt()).isEqualTo(2);
        assertThat(answer.get("lines").findValuesAsText("outcome")).containsExactly("created", "conflict", "invalid", "created");
        JsonNode v6 = mapper.readTree(call("GET", "/api/v1/tenants/tenant-a/ips/2001:db8::31", KEY_A, null).body());
        assertThat(v6.get("vmta").asText()).isEqualTo("v6-2001-db8-0-0-0-0-0-31");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'ip.register' AND subject = '203.0.113.31'"
                + " AND actor = 'tenant-a-ops'", Long.class)).isEqualTo(1);
    }

    @Test
    void startIsRefusedWhenDnsIsNotReadyUnlessAnAdminForcesItAndTheOverrideIsAudited() throws Exception {
        String ip = "203.0.113.40";
        registerWithoutDns(ip);

        HttpResponse<String> refused = call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("dns.fcrdns").contains("no PTR record for 203.0.113.40");
        assertThat(call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{\"force\":true}").statusCode())
                .as("only an admin may force").isEqualTo(403);

        HttpResponse<String> forced = call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_ADMIN,
                "{\"force\":true}");
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        Map<String, Object> audit = jdbc.queryForMap(
                "SELECT actor, details FROM audit_log WHERE action = 'warmup.start.forced' AND subject = ?", ip);
        assertThat(audit).containsEntry("actor", "root");
        assertThat((String) audit.get("details")).contains("fcrdns (no PTR record for 203.0.113.40)");
    }

    @Test
    void operatorPauseResumeAndAbortArePublishedRecordedAndAudited() throws Exception {
        String ip = "203.0.113.41";
        register(ip);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
        awaitQuota(ip, 0);

        HttpResponse<String> paused = call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/pause?provider=yahoo", KEY_A, null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(mapper.readTree(paused.body()).at("/providers/yahoo/phase").asText()).isEqualTo("PAUSED");
        QuotaChanged withoutYahoo = awaitQuotaWhere(ip, q -> q.providers().get(Provider.YAHOO).daily() == 0);
        assertThat(withoutYahoo.providers().get(Provider.GMAIL).daily()).isEqualTo(standardPlan.scheduleFor(Provider.GMAIL).volumeOf(0));
        kafka.awaitRecord(EventType.PMTA_CONFIG_REQUESTED.topic(), r -> {
            PmtaConfigRequested p = json.read(KafkaProbe.text(r), PmtaConfigRequested.class).payload();
            return p.vmta().ip().value().equals(ip) && p.pausedProviders().equals(java.util.Set.of(Provider.YAHOO));
        }, WAIT);

        HttpResponse<String> updated = call("PUT", "/api/v1/tenants/tenant-a/ips/" + ip, KEY_A,
                body(ip).replace("mta41.example.com", "out41.example.com"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        kafka.awaitRecord(EventType.PMTA_CONFIG_REQUESTED.topic(), r -> {
            PmtaConfigRequested p = json.read(KafkaProbe.text(r), PmtaConfigRequested.class).payload();
            return p.vmta().ip().value().equals(ip) && p.vmta().heloHostname().equals("out41.example.com");
        }, WAIT);

        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/resume", KEY_A, null);
        awaitQuotaWhere(ip, q -> q.providers().get(Provider.YAHOO).daily() == standardPlan.scheduleFor(Provider.YAHOO).volumeOf(0)
                && q.reason().contains("resumed by operator tenant-a-ops"));

        HttpResponse<String> aborted = call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/abort", KEY_A, null);
        assertThat(mapper.readTree(aborted.body()).get("warmupStatus").asText()).isEqualTo("ABORTED");
        awaitQuotaWhere(ip, q -> q.totalDaily() == 0 && q.reason().contains("aborted"));

        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE subject = ? AND actor = 'tenant-a-ops' ORDER BY id",
                String.class, ip)).containsExactly("ip.register", "warmup.start", "warmup.pause", "ip.update", "warmup.resume",
                "warmup.abort");
        JsonNode history = mapper.readTree(call("GET", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/decisions", KEY_A, null).body());
        assertThat(history.findValuesAsText("kind")).contains("START", "PAUSE", "RESUME");
    }

    @Test
    void aYahooTss04BouncePausesYahooAtOnceWithoutATickAndADuplicateChangesNothing() throws Exception {
        String ip = "203.0.113.42";
        register(ip);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
        awaitQuota(ip, 0);
        EventEnvelope<BounceReceived> event = bounce(ip, "tenant-a", Provider.YAHOO, "yahoo-tss04");

        kafka.send(EventType.BOUNCE_RECEIVED.topic(), event.key(), json.write(event));

        QuotaChanged quota = awaitQuotaWhere(ip, q -> q.providers().get(Provider.YAHOO).daily() == 0);
        assertThat(quota.providers().get(Provider.YAHOO).hourly()).isZero();
        assertThat(quota.providers().get(Provider.GMAIL).daily()).isEqualTo(standardPlan.scheduleFor(Provider.GMAIL).volumeOf(0));
        assertThat(quota.reason()).contains("yahoo: provider signal yahoo-tss04 seen 1× in the last hour: paused for 2h");
        kafka.awaitRecord(EventType.PMTA_CONFIG_REQUESTED.topic(), r -> {
            PmtaConfigRequested p = json.read(KafkaProbe.text(r), PmtaConfigRequested.class).payload();
            return p.vmta().ip().value().equals(ip) && p.pausedProviders().equals(java.util.Set.of(Provider.YAHOO));
        }, WAIT);
        ConsumerRecord<String, byte[]> alert = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> KafkaProbe.text(r).contains(quota.decisionId().toString()), WAIT);
        AlertRaised raised = json.read(KafkaProbe.text(alert), AlertRaised.class).payload();
        assertThat(raised.severity()).isEqualTo(Severity.WARNING);
        assertThat(raised.labels()).containsEntry("provider", "yahoo").containsEntry("decision", "pause");
        Map<String, Object> decision = jdbc.queryForMap("SELECT cause, kind, numbers::text AS numbers, signal_codes[1] AS code"
                + " FROM decision_log WHERE decision_id = ? AND provider = 'yahoo'", quota.decisionId());
        assertThat(decision).containsEntry("cause", "signal:" + event.eventId()).containsEntry("kind", "PAUSE")
                .containsEntry("code", "yahoo-tss04");
        JsonNode numbers = mapper.readTree((String) decision.get("numbers"));
        assertThat(numbers.get("count").asLong()).isEqualTo(1);
        assertThat(numbers.get("minCount").asLong()).isEqualTo(1);
        assertThat(numbers.get("action").asText()).isEqualTo("PAUSE_FOR");
        assertThat(jdbc.queryForObject("SELECT (signals_handled->>'CUT')::timestamptz - (signals_handled->>'PAUSE_FOR')::timestamptz"
                + " FROM warmup_state WHERE ip = ? AND provider = 'yahoo'", String.class, ip))
                .as("the timed pause and the milder cuts are handled for the window").isEqualTo("00:00:00");
        JsonNode status = mapper.readTree(call("GET", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup", KEY_A, null).body());
        assertThat(status.at("/providers/yahoo/phase").asText()).isEqualTo("PAUSED");
        assertThat(status.at("/providers/yahoo/pauseReason").asText()).isEqualTo("yahoo-tss04");

        kafka.send(EventType.BOUNCE_RECEIVED.topic(), event.key(), json.write(event));
        awaitBouncesProcessed(ip);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_log WHERE ip = ? AND cause LIKE 'signal:%'", Long.class, ip))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE event_type = 'QuotaChanged' AND message_key = ?",
                Long.class, ip)).as("the start and the pause").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count FROM provider_signal WHERE ip = ? AND signal_code = 'yahoo-tss04'",
                Long.class, ip)).isEqualTo(1);
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern(
                "email_engine_warmup_signal_reactions_total\\{action=\"pause_for\",provider=\"yahoo\",.*trigger=\"bounce\"\\} 1\\.0");
    }

    @Test
    void blockSignalsForAnIpNotWarmingRetiredPausedByAnOperatorOrOfAnotherTenantChangeNothing() throws Exception {
        String notStarted = "203.0.113.48";
        String retired = "203.0.113.49";
        String operatorPaused = "203.0.113.50";
        String warming = "203.0.113.51";
        register(notStarted);
        register(retired);
        assertThat(call("DELETE", "/api/v1/tenants/tenant-a/ips/" + retired, KEY_A, null).statusCode()).isEqualTo(200);
        for (String ip : java.util.List.of(operatorPaused, warming)) {
            register(ip);
            call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
            awaitQuota(ip, 0);
        }
        call("POST", "/api/v1/tenants/tenant-a/ips/" + operatorPaused + "/warmup/pause?provider=microsoft", KEY_A, null);

        for (EventEnvelope<BounceReceived> event : java.util.List.of(
                bounce(notStarted, "tenant-a", Provider.YAHOO, "yahoo-tss04"),
                bounce(retired, "tenant-a", Provider.YAHOO, "yahoo-tss04"),
                bounce(operatorPaused, "tenant-a", Provider.MICROSOFT, "microsoft-s3150"),
                bounce(warming, "tenant-b", Provider.MICROSOFT, "microsoft-s3150"))) {
            kafka.send(EventType.BOUNCE_RECEIVED.topic(), event.key(), json.write(event));
        }
        for (String ip : java.util.List.of(notStarted, retired, operatorPaused, warming)) {
            awaitBouncesProcessed(ip);
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_log WHERE ip IN (?, ?, ?, ?) AND cause LIKE 'signal:%'",
                Long.class, notStarted, retired, operatorPaused, warming)).isZero();
        assertThat(jdbc.queryForObject("SELECT pause_reason FROM warmup_state WHERE ip = ? AND provider = 'microsoft'",
                String.class, operatorPaused)).isEqualTo("operator:tenant-a-ops");
        assertThat(jdbc.queryForObject("SELECT phase FROM warmup_state WHERE ip = ? AND provider = 'microsoft'",
                String.class, warming)).isEqualTo("WARMING");
    }

    @Test
    void exactlyOneOfSeveralConcurrentEmittersEmitsTheTickOfAPeriod() throws Exception {
        CLOCK.advance(Duration.ofHours(1));
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<java.util.Optional<WarmupTick>>> emitted = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                emitted.add(replicas.submit(() -> ticks.emitDue()));
            }
            long emitters = 0;
            for (var future : emitted) {
                emitters += future.get().isPresent() ? 1 : 0;
            }
            assertThat(emitters).isEqualTo(1);
        } finally {
            replicas.shutdown();
        }
        Instant period = CLOCK.instant().truncatedTo(ChronoUnit.HOURS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE event_type = 'WarmupTick' AND payload LIKE ?",
                Long.class, "%\"tickTime\":\"" + period + "\"%")).isEqualTo(1);
    }

    @Test
    void operatorPlansAreValidatedWithAReasonAndCanBeUsedToStart() throws Exception {
        HttpResponse<String> rejected = call("POST", "/api/v1/tenants/tenant-a/plans", KEY_A,
                "{\"name\":\"too-fast\",\"schedules\":{\"other\":[200,500]}}");
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("other: stage 1 (500/day) grows ×2.50 over stage 0 (200/day); at most ×2.00 is allowed");

        HttpResponse<String> created = call("POST", "/api/v1/tenants/tenant-a/plans", KEY_A,
                "{\"name\":\"gentle\",\"schedules\":{\"other\":[50,100,150]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/tenants/tenant-b/plans/gentle", KEY_B, null).statusCode()).isEqualTo(404);

        String ip = "203.0.113.43";
        register(ip);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{\"plan\":\"gentle\"}");
        QuotaChanged started = awaitQuota(ip, 0);
        assertThat(started.providers().values()).allSatisfy(q -> assertThat(q.daily()).isEqualTo(50));
        JsonNode summary = mapper.readTree(call("GET", "/api/v1/tenants/tenant-a/warmup/summary", KEY_A, null).body());
        assertThat(summary.get("totalDailyCapacity").asLong()).isGreaterThanOrEqualTo(200);
        assertThat(summary.at("/ipsByWarmupStatus/WARMING").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(call("POST", "/api/v1/admin/tenants/tenant-a/ips/" + ip + "/warmup/stage", KEY_A,
                "{\"provider\":\"gmail\",\"stage\":2}").statusCode()).as("stage override is admin-only").isEqualTo(403);
    }

    @Test
    void aDnsRegressionOfAWarmingIpRaisesAnAlertAndItsRepairResolvesIt() throws Exception {
        String ip = "203.0.113.44";
        register(ip);
        assertThat(call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}").statusCode()).isEqualTo(200);
        org.xbill.DNS.Name reverse = ReverseMap.fromAddress(java.net.InetAddress.getByName(ip));
        DNS.remove(reverse, org.xbill.DNS.Type.PTR);

        assertThat(readinessMonitor.recheckWarming(java.util.List.of(new TenantId("tenant-a")))).isEqualTo(1);
        ConsumerRecord<String, byte[]> firing = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> KafkaProbe.text(r).contains("DNS readiness regressed for " + ip), WAIT);
        AlertRaised regressed = json.read(KafkaProbe.text(firing), AlertRaised.class).payload();
        assertThat(regressed.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(regressed.details()).contains("fcrdns FAILED: no PTR record for " + ip);

        DNS.add(new PTRRecord(reverse, DClass.IN, 300, LoopbackDnsServer.name("mta44.example.com")));
        readinessMonitor.recheckWarming(java.util.List.of(new TenantId("tenant-a")));
        ConsumerRecord<String, byte[]> resolved = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> KafkaProbe.text(r).contains("DNS readiness restored for " + ip), WAIT);
        assertThat(json.read(KafkaProbe.text(resolved), AlertRaised.class).payload().fingerprint()).isEqualTo(regressed.fingerprint());
    }

    @Test
    void aDkimKeyPublishedByPmtaConfigIsRememberedOnceAndTheDnsCheckComparesTheTxtRecordWithIt() throws Exception {
        String generated = io.emailengine.warmup.dns.TestDkimKeys.rsaPublicKey();
        EventEnvelope<DkimKeyPublished> event = EventEnvelope.of(new DkimKeyPublished("keyed.example.org", "k1", generated,
                DkimKeyStatus.ACTIVE), new TenantId("tenant-a"), "pmta-config-service", CLOCK);
        kafka.send(EventType.DKIM_KEY_PUBLISHED.topic(), event.key(), json.write(event));
        kafka.send(EventType.DKIM_KEY_PUBLISHED.topic(), event.key(), json.write(event));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = 'warmup.dkim-key-published' AND event_id = ?",
                Long.class, event.eventId()) == 1);
        assertThat(jdbc.queryForObject("SELECT public_key FROM known_dkim_key WHERE domain = 'keyed.example.org' AND selector = 'k1'",
                String.class)).isEqualTo(generated);
        SendingIpSpec spec = SendingIpSpec.parse("203.0.113.47", "mta47.example.com", "keyed.example.org", "k1", "pmta-1",
                null, null, 24).spec();
        org.xbill.DNS.Name at = LoopbackDnsServer.name("k1._domainkey.keyed.example.org");

        DNS.add(new TXTRecord(at, DClass.IN, 300, java.util.List.of("v=DKIM1; k=rsa; p=" + generated.substring(0, 200),
                generated.substring(200))));
        ReadinessCheck.Check matching = dkimCheck(spec);
        DNS.remove(at, org.xbill.DNS.Type.TXT);
        String other = io.emailengine.warmup.dns.TestDkimKeys.rsaPublicKey();
        DNS.add(new TXTRecord(at, DClass.IN, 300, java.util.List.of("v=DKIM1; k=rsa; p=" + other.substring(0, 200),
                other.substring(200))));
        ReadinessCheck.Check mismatching = dkimCheck(spec);

        assertThat(matching.passed()).as(matching.found()).isTrue();
        assertThat(matching.found()).contains("key matches the one pmta-config-service generated");
        assertThat(mismatching.passed()).isFalse();
        assertThat(mismatching.found()).startsWith("DKIM TXT at k1._domainkey.keyed.example.org carries a different public key"
                + " than the one pmta-config-service generated (fingerprint " + DkimKeyMatch.fingerprint(generated));
    }

    private ReadinessCheck.Check dkimCheck(SendingIpSpec spec) {
        return readinessCheck.check(spec).checks().stream().filter(c -> c.name().equals("dkim")).findFirst().orElseThrow();
    }

    @Test
    void aDecisionCommittedWhileTheRelayIsDownIsPublishedExactlyOnceWhenItIsBack() throws Exception {
        String ip = "203.0.113.45";
        register(ip);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + ip + "/warmup/start", KEY_A, "{}");
        awaitQuota(ip, 0);
        sendHealthyDay(ip, CLOCK.instant().plus(Duration.ofHours(1)), 0);
        Instant tickTime = CLOCK.advance(Duration.ofDays(1).plusHours(1)).truncatedTo(ChronoUnit.HOURS);

        relay.stop(); // the process "dies" after the decision commits and before anything reaches Kafka
        try {
            EventEnvelope<WarmupTick> tick = EventEnvelope.of(new WarmupTick(UUID.randomUUID(), tickTime, Duration.ofHours(1)),
                    null, "test", CLOCK);
            kafka.send(EventType.WARMUP_TICK.topic(), tick.key(), json.write(tick));
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM decision_log WHERE ip = ? AND kind = 'PROMOTE'", Long.class, ip) == 4);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE event_type = 'QuotaChanged'"
                    + " AND message_key = ? AND published_at IS NULL", Long.class, ip)).isEqualTo(1);
        } finally {
            relay.start();
        }

        QuotaChanged promoted = awaitQuota(ip, 1);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE event_type = 'QuotaChanged'"
                + " AND message_key = ? AND payload LIKE ? AND published_at IS NOT NULL", Long.class, ip,
                "%" + promoted.decisionId() + "%") == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE payload LIKE ?", Long.class,
                "%\"decisionId\":\"" + promoted.decisionId() + "\"%")).as("one QuotaChanged for the decision").isEqualTo(1);
    }

    @Test
    void anIpThatCannotBeEvaluatedRaisesAnAlertAndDoesNotHoldBackTheOthers() throws Exception {
        String broken = "203.0.113.46";
        String healthy = "203.0.113.47";
        register(broken);
        register(healthy);
        call("POST", "/api/v1/tenants/tenant-a/ips/" + broken + "/warmup/start", KEY_A, "{}");
        call("POST", "/api/v1/tenants/tenant-a/ips/" + healthy + "/warmup/start", KEY_A, "{}");
        awaitQuota(healthy, 0);
        jdbc.update("UPDATE sending_ip SET plan_name = 'vanished-plan' WHERE ip = ?", broken);
        sendHealthyDay(healthy, CLOCK.instant().plus(Duration.ofHours(1)), 0);
        CLOCK.advance(Duration.ofDays(1).plusHours(1));
        emitTick();

        awaitQuota(healthy, 1);
        ConsumerRecord<String, byte[]> alert = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> KafkaProbe.text(r).contains("Warmup evaluation failed for " + broken), WAIT);
        assertThat(json.read(KafkaProbe.text(alert), AlertRaised.class).payload().details())
                .isEqualTo("plan 'vanished-plan' not found");
        assertThat(jdbc.queryForObject("SELECT last_tick_at FROM sending_ip WHERE ip = ?", java.sql.Timestamp.class, broken))
                .as("still due, retried at the next tick").isNull();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Registers the IP and publishes correct DNS for it (PTR, A, SPF, DKIM, DMARC) on the loopback DNS server. */
    private void register(String ip) throws Exception {
        registerWithoutDns(ip);
        String helo = "mta" + ip.substring(ip.lastIndexOf('.') + 1) + ".example.com";
        java.net.InetAddress address = java.net.InetAddress.getByName(ip);
        DNS.add(new PTRRecord(ReverseMap.fromAddress(address), DClass.IN, 300, LoopbackDnsServer.name(helo)));
        DNS.add(new ARecord(LoopbackDnsServer.name(helo), DClass.IN, 300, address));
    }

    private void registerWithoutDns(String ip) throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/tenants/tenant-a/ips", KEY_A, body(ip));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static {
        DNS.add(new TXTRecord(LoopbackDnsServer.name("example.com"), DClass.IN, 300, "v=spf1 ip4:203.0.113.0/24 -all"));
        DNS.add(new TXTRecord(LoopbackDnsServer.name("s1._domainkey.example.com"), DClass.IN, 300,
                "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv3hIqE8f"));
        DNS.add(new TXTRecord(LoopbackDnsServer.name("_dmarc.example.com"), DClass.IN, 300, "v=DMARC1; p=none"));
    }

    private static String body(String ip) {
        String n = ip.substring(ip.lastIndexOf(ip.contains(":") ? ':' : '.') + 1);
        return """
                {"ip":"%s","heloHostname":"mta%s.example.com","sendingDomain":"example.com","dkimSelector":"s1",
                 "hostId":"pmta-1","pool":"warmup"}""".formatted(ip, n);
    }

    private static EventEnvelope<BounceReceived> bounce(String ip, String tenant, Provider provider, String signalCode) {
        BounceReceived bounce = new BounceReceived(BounceKind.BLOCK, provider, SendingIp.of(ip), null, "someone@example.net",
                "4.7.0", "421 4.7.0 [" + signalCode + "] Messages from " + ip + " temporarily deferred", null, signalCode, null,
                null, "t", CLOCK.instant());
        return EventEnvelope.of(bounce, new TenantId(tenant), "bounce-ingest-service", CLOCK);
    }

    /** Sends a bounce without a signal for the IP (same key, same partition) and waits until it was consumed. */
    private void awaitBouncesProcessed(String ip) {
        BounceReceived plain = new BounceReceived(BounceKind.HARD, Provider.OTHER, SendingIp.of(ip), null, "gone@example.net",
                "5.1.1", "550 5.1.1 unknown user", null, null, null, null, "b", CLOCK.instant());
        EventEnvelope<BounceReceived> marker = EventEnvelope.of(plain, new TenantId("tenant-a"), "bounce-ingest-service", CLOCK);
        kafka.send(EventType.BOUNCE_RECEIVED.topic(), marker.key(), json.write(marker));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = 'warmup.bounce-received' AND event_id = ?", Long.class,
                marker.eventId()) == 1);
    }

    private EventEnvelope<WarmupTick> emitTick() {
        WarmupTick tick = ticks.emitDue().orElseThrow();
        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(EventType.WARMUP_TICK.topic(),
                r -> KafkaProbe.text(r).contains(tick.tickId().toString()), WAIT);
        return json.read(KafkaProbe.text(record), WarmupTick.class);
    }

    /** One delivery report per provider, each delivering the whole stage-{@code stage} volume. */
    private void sendHealthyDay(String ip, Instant window, int stage) {
        for (Provider provider : standardPlan.schedules().keySet()) {
            long volume = standardPlan.scheduleFor(provider).volumeOf(stage);
            sendReport(ip, provider, window, volume, 0, 0);
            awaitDelivered(ip, provider.name(), volume);
        }
    }

    private void sendReport(String ip, Provider provider, Instant window, long delivered, long hard, long complaints) {
        SendingIp sendingIp = SendingIp.of(ip);
        DeliveryReport report = new DeliveryReport(sendingIp, VirtualMtaName.forIp(sendingIp), provider, window,
                window.plusSeconds(300), delivered, hard, 0, 0, complaints, Map.of());
        EventEnvelope<DeliveryReport> event = EventEnvelope.of(report, new TenantId("tenant-a"), "bounce-ingest-service", CLOCK);
        kafka.send(EventType.DELIVERY_REPORT.topic(), event.key(), json.write(event));
    }

    private void awaitDelivered(String ip, String provider, long delivered) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COALESCE(SUM(delivered), 0) FROM delivery_hour WHERE ip = ? AND provider = ?", Long.class, ip, provider)
                >= delivered);
    }

    private QuotaChanged awaitQuota(String ip, int stage) {
        return awaitQuotaWhere(ip, q -> q.stage() == stage);
    }

    private QuotaChanged awaitQuotaWhere(String ip, java.util.function.Predicate<QuotaChanged> match) {
        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(EventType.QUOTA_CHANGED.topic(), r -> {
            if (!ip.equals(r.key())) {
                return false;
            }
            return match.test(json.read(KafkaProbe.text(r), QuotaChanged.class).payload());
        }, WAIT);
        return json.read(KafkaProbe.text(record), QuotaChanged.class).payload();
    }

    private PmtaConfigRequested awaitPmta(String ip, long gmailHourly) {
        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(EventType.PMTA_CONFIG_REQUESTED.topic(), r -> {
            PmtaConfigRequested p = json.read(KafkaProbe.text(r), PmtaConfigRequested.class).payload();
            return p.vmta().ip().value().equals(ip)
                    && p.providerLimits().get(Provider.GMAIL).maxMsgRate().equals(MessageRate.perHour(gmailHourly));
        }, WAIT);
        return json.read(KafkaProbe.text(record), PmtaConfigRequested.class).payload();
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

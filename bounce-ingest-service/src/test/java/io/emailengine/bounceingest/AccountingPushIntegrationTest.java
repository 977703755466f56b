package io.emailengine.bounceingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.bounceingest.application.DeliveryReports;
import io.emailengine.bounceingest.domain.MessageIds;
import io.emailengine.events.EventType;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Push ingestion end to end: HTTP in, PostgreSQL state, outbox, real Kafka out. */
@RealInfrastructure
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountingPushIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "ingest-token-pmta-1";
    private static final String BOUNCES = EventType.BOUNCE_RECEIVED.topic();
    private static KafkaProbe kafka;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    @LocalServerPort int port;
    @Autowired org.springframework.boot.web.context.WebServerApplicationContext web;
    @Autowired JdbcTemplate jdbc;
    @Autowired DeliveryReports reports;
    @Autowired io.emailengine.bounceingest.application.DedupeRetention retention;
    @Autowired io.emailengine.events.EventJson eventJson;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeAll
    static void connect() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void ownersOfTheSampleIps() {
        jdbc.update("""
                INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at) VALUES
                ('203.0.113.10', 'tenant-a', 'v203-0-113-10', 'pmta-1', 'tenant-a', now()),
                ('203.0.113.11', 'tenant-b', 'v203-0-113-11', 'pmta-1', 'tenant-b', now())
                ON CONFLICT (ip) DO NOTHING""");
    }

    @Test
    void theConnectorReadsLargeBodiesFromTheSocketSixtyFourKilobytesAtATime() {
        org.apache.catalina.connector.Connector connector =
                ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) web.getWebServer()).getTomcat().getConnector();

        // Read back from the endpoint's socket properties (the write buffer, not set, has Tomcat's default).
        assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize"))).isEqualTo("65536");
        assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("8192");
    }

    @Test
    void sampleFilesPublishBounceReceivedWithKindsProvidersAndSignalsAndRepostingIsAllDuplicates() throws Exception {
        JsonNode deliveries = post("text/csv", sample("acct-2026-11-20-0000.csv"), TOKEN);
        JsonNode complaints = post("text/csv", sample("acct-fbl-2026-11-20-0100.csv"), TOKEN);
        JsonNode remote = post("text/csv", sample("acct-remote-bounce-2026-11-20-0200.csv"), TOKEN);

        assertThat(summary(deliveries)).isEqualTo("accepted=9 duplicates=0 rejected=0 unattributed=0");
        assertThat(summary(complaints)).isEqualTo("accepted=2 duplicates=0 rejected=0 unattributed=0");
        assertThat(summary(remote)).as("rb/rs name no source IP: kept aside, not dropped")
                .isEqualTo("accepted=2 duplicates=0 rejected=0 unattributed=2");

        List<ConsumerRecord<String, byte[]>> published = kafka.awaitRecords(BOUNCES, r -> KafkaProbe.text(r).contains("example"), 9, WAIT);
        List<JsonNode> events = published.stream().map(this::json).toList();
        Map<String, String> byRecipient = events.stream().collect(Collectors.toMap(
                e -> e.at("/payload/recipient").asText("(none)"),
                e -> e.at("/payload/kind").asText() + "/" + e.at("/payload/provider").asText() + "/"
                        + e.at("/payload/signalCode").asText("-") + "/" + e.at("/tenantId").asText()));
        assertThat(byRecipient).containsExactlyInAnyOrderEntriesOf(Map.of(
                "no.such.user@gmail.com", "hard/gmail/-/tenant-a",
                "carol@yahoo.com", "deferral/yahoo/yahoo-tss04/tenant-b",
                "dave@example.org", "soft/other/-/tenant-b",
                "erin@outlook.com", "deferral/microsoft/microsoft-s775/tenant-a",
                "frank@gone-domain.example", "hard/other/-/tenant-a",
                "grace@gmail.com", "deferral/gmail/gmail-421-4.7.28/tenant-a",
                "heidi@gmx.example", "soft/other/-/tenant-a",
                "ivan@yahoo.com", "complaint/yahoo/-/tenant-b",
                "(none)", "complaint/microsoft/-/tenant-a"));
        JsonNode hard = events.stream().filter(e -> e.at("/payload/recipient").asText().equals("no.such.user@gmail.com"))
                .findFirst().orElseThrow();
        assertThat(hard.at("/payload/ip").asText()).isEqualTo("203.0.113.10");
        assertThat(hard.at("/payload/dsnStatus").asText()).isEqualTo("5.1.1");
        assertThat(hard.at("/payload/bounceCategory").asText()).isEqualTo("bad-mailbox");
        assertThat(hard.at("/payload/messageId").asText()).isEqualTo("<20261120075958.3.cmp-8f2a@mail1.example.com>");
        assertThat(hard.at("/payload/jobId").asText()).isEqualTo("cmp-8f2a");

        JsonNode again = post("text/csv", sample("acct-2026-11-20-0000.csv"), TOKEN);
        assertThat(summary(again)).isEqualTo("accepted=0 duplicates=9 rejected=0 unattributed=0");
        assertThat(timesPublished(published)).as("a re-post publishes no event again").isEqualTo(9);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM unattributed_record WHERE record_type IN ('rb', 'rs')"
                + " AND fields LIKE '%@corp.example%'", Long.class)).isEqualTo(2);
        assertThat(meters.get("email_engine_bounce_ingest_records").tags("type", "b", "kind", "hard", "provider", "gmail")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("email_engine_bounce_ingest_duplicates").tag("source", "pmta-1").counter().count())
                .isGreaterThanOrEqualTo(9);
        assertThat(meters.get("email_engine_bounce_ingest_lag").tag("source", "pmta-1").timer().count()).isPositive();
    }

    @Test
    void remoteBouncesAndComplaintsNamingNoIpAreAttributedByTheMessageIdOfTheirDelivery() throws Exception {
        JsonNode deliveries = post("text/csv", sample("message-id/acct-deliveries.csv"), TOKEN);
        JsonNode remote = post("text/csv", sample("message-id/acct-remote.csv"), TOKEN);

        assertThat(summary(deliveries)).as("the rb of this file is attributed by the d of the same batch")
                .isEqualTo("accepted=5 duplicates=0 rejected=0 unattributed=0");
        assertThat(summary(remote)).as("only the rb about a message never sent stays unattributed")
                .isEqualTo("accepted=4 duplicates=0 rejected=0 unattributed=1");
        List<ConsumerRecord<String, byte[]>> published = kafka.awaitRecords(BOUNCES, r -> KafkaProbe.text(r).contains("msgid.test"), 5, WAIT);
        List<JsonNode> events = published.stream().map(this::json).toList();
        Map<String, String> byRecord = events.stream().collect(Collectors.toMap(
                e -> e.at("/payload/recordType").asText() + " " + e.at("/payload/recipient").asText(),
                e -> e.at("/payload/kind").asText() + "/" + e.at("/payload/provider").asText() + "/" + e.at("/tenantId").asText()
                        + "/" + e.at("/payload/ip").asText() + "/" + e.at("/payload/vmta").asText()));
        assertThat(byRecord).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t nina@outlook.com", "deferral/microsoft/tenant-a/203.0.113.10/v203-0-113-10",
                "rb lena@gmail.com", "hard/gmail/tenant-a/203.0.113.10/v203-0-113-10",
                "rb mike@yahoo.com", "hard/yahoo/tenant-b/203.0.113.11/v203-0-113-11",
                "rs nina@outlook.com", "deferral/microsoft/tenant-a/203.0.113.10/v203-0-113-10",
                "f lena@gmail.com", "complaint/gmail/tenant-a/203.0.113.10/v203-0-113-10"));
        assertThat(jdbc.queryForObject("SELECT reason FROM unattributed_record WHERE fields LIKE '%never-sent@news.msgid.test%'",
                String.class)).isEqualTo("record names no source IP or virtual MTA and its Message-ID is unknown");
        assertThat(Stream.of("m1.cmp-m1@news.msgid.test", "m2.cmp-m1@news.msgid.test", "m3.cmp-m1@news.msgid.test",
                "never-sent@news.msgid.test").filter(this::inMessageIdMap).toList())
                .as("the d/b/t records taught who sent their messages; the remote records taught nothing")
                .containsExactlyInAnyOrder("m1.cmp-m1@news.msgid.test", "m2.cmp-m1@news.msgid.test", "m3.cmp-m1@news.msgid.test");

        assertThat(summary(post("text/csv", sample("message-id/acct-remote.csv"), TOKEN)))
                .isEqualTo("accepted=0 duplicates=4 rejected=0 unattributed=0");
        assertThat(timesPublished(published)).as("a re-post publishes no event again").isEqualTo(5);
    }

    @Test
    void theSameRecordsAsNdjsonOrJsonArrayAreTheSameRecordsAsCsv() throws Exception {
        String csv = """
                type,timeLogged,rcpt,dsnStatus,dsnDiag,bounceCat,dlvSourceIp,vmta,queue
                b,2026-11-21 10:00:00+0000,zoe@gmail.com,5.1.1 (bad mailbox),smtp;550 5.1.1 no such user,bad-mailbox,203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10
                """;
        String ndjson = """
                {"type":"b","timeLogged":"1795255200","rcpt":"zoe@gmail.com","dsnStatus":"5.1.1 (bad mailbox)","dsnDiag":"smtp;550 5.1.1 no such user","bounceCat":"bad-mailbox","dlvSourceIp":"203.0.113.10","vmta":"v203-0-113-10","queue":"gmail.com/v203-0-113-10"}
                {"type":"t","timeLogged":"2026-11-21 10:00:01+0000","rcpt":"yan@yahoo.com","dsnDiag":"421 4.7.0 [TS03] go away","dlvSourceIp":"203.0.113.11","extra":{"nested":true}}
                """;
        String array = """
                [{"type":"t","timeLogged":"2026-11-21 10:00:01+0000","rcpt":"yan@yahoo.com","dsnDiag":"421 4.7.0 [TS03] go away","dlvSourceIp":"203.0.113.11","extra":{"nested":true}},
                 {"type":"d","timeLogged":"2026-11-21 10:00:02+0000","rcpt":"amy@gmail.com","dlvSourceIp":"203.0.113.10"}]
                """;

        assertThat(summary(post("text/csv", csv, TOKEN))).isEqualTo("accepted=1 duplicates=0 rejected=0 unattributed=0");
        assertThat(summary(post("application/x-ndjson", ndjson, TOKEN))).isEqualTo("accepted=1 duplicates=1 rejected=0 unattributed=0");
        assertThat(summary(post("application/json", array, TOKEN))).isEqualTo("accepted=1 duplicates=1 rejected=0 unattributed=0");

        JsonNode block = json(kafka.awaitRecord(BOUNCES, r -> KafkaProbe.text(r).contains("yan@yahoo.com"), WAIT));
        assertThat(block.at("/payload/kind").asText()).isEqualTo("block");
        assertThat(block.at("/payload/signalCode").asText()).isEqualTo("yahoo-ts03");
        assertThat(block.at("/tenantId").asText()).isEqualTo("tenant-b");
    }

    @Test
    void malformedLinesAreReportedWithTheirNumbersAndQuarantinedWhileTheOthersAreAccepted() throws Exception {
        String csv = """
                type,timeLogged,rcpt,dlvSourceIp,bounceCat
                d,2026-11-22 10:00:00+0000,one@gmail.com,203.0.113.10,
                d,2026-11-22 10:00:00+0000,two@gmail.com
                x,2026-11-22 10:00:00+0000,three@gmail.com,203.0.113.10,
                b,not-a-time,four@gmail.com,203.0.113.10,bad-mailbox
                b,2026-11-22 10:00:01+0000,five@gmail.com,203.0.113.10,some-new-category
                d,2026-11-22 10:00:02+0000,six@gmail.com,198.51.100.99,
                """;

        JsonNode answer = post("text/csv", csv, TOKEN);

        assertThat(summary(answer)).isEqualTo("accepted=3 duplicates=0 rejected=3 unattributed=1");
        assertThat(answer.get("errors")).extracting(e -> e.get("line").asLong() + ": " + e.get("reason").asText())
                .containsExactly(
                        "3: has 3 fields but the header has 5",
                        "4: unknown record type 'x'",
                        "5: timeLogged: time 'not-a-time' is neither 'yyyy-MM-dd HH:mm:ss+hhmm' nor Unix seconds");
        JsonNode soft = json(kafka.awaitRecord(BOUNCES, r -> KafkaProbe.text(r).contains("five@gmail.com"), WAIT));
        assertThat(soft.at("/payload/kind").asText()).isEqualTo("soft");
        assertThat(soft.at("/payload/bounceCategory").asText()).isEqualTo("some-new-category");

        HttpResponse<String> quarantine = get("/api/v1/admin/accounting/quarantine?source=pmta-1", "admin-key-for-tests");
        assertThat(quarantine.statusCode()).isEqualTo(200);
        assertThat(quarantine.body()).contains("unknown record type 'x'").contains("has 3 fields but the header has 5");
        assertThat(get("/api/v1/admin/accounting/quarantine", "tenant-a-key-for-tests").statusCode())
                .as("a tenant key may not read other sources' lines").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT reason FROM unattributed_record WHERE fields LIKE '%six@gmail.com%'", String.class))
                .isEqualTo("no tenant owns IP 198.51.100.99");
    }

    @Test
    void rejectsMissingOrWrongTokensBodiesThatAreNotAccountingDataAndOtherContentTypes() throws Exception {
        String csv = "type,timeLogged\nd,2026-11-20 08:00:00+0000\n";
        assertThat(send("text/csv", csv, null).statusCode()).isEqualTo(401);
        assertThat(send("text/csv", csv, "wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<String> tenantKey = http.send(HttpRequest.newBuilder(uri("/api/v1/accounting"))
                .header("Content-Type", "text/csv").header("X-API-Key", "tenant-a-key-for-tests")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tenantKey.statusCode()).as("a tenant API key is not an ingest token").isEqualTo(401);

        HttpResponse<String> notCsv = send("text/csv", "<html>hello</html>\n", TOKEN);
        assertThat(notCsv.statusCode()).isEqualTo(400);
        assertThat(notCsv.body()).contains("not PowerMTA accounting data").contains("line 1");
        HttpResponse<String> notArray = send("application/json", "{\"type\":\"d\"}", TOKEN);
        assertThat(notArray.statusCode()).isEqualTo(400);
        assertThat(notArray.body()).contains("must be an array");
        assertThat(send("text/plain", csv, TOKEN).statusCode()).isEqualTo(415);
    }

    @Test
    void largeBodyIsStreamedInBatchesAndCountedIntoDeliveryReports() throws Exception {
        int records = 20_000;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/accounting"))
                        .header("Content-Type", "text/csv").header("X-Ingest-Token", TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(records))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(summary(mapper.readTree(response.body()))).isEqualTo("accepted=20000 duplicates=0 rejected=0 unattributed=0");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ingest_batch WHERE accepted = 20000", Long.class)).isEqualTo(1);

        reports.publishEndedWindows();

        List<JsonNode> windows = kafka.awaitRecords(EventType.DELIVERY_REPORT.topic(),
                r -> KafkaProbe.text(r).contains("2026-11-23T"), 2, WAIT).stream().map(this::json).toList();
        long delivered = windows.stream().mapToLong(w -> w.at("/payload/delivered").asLong()).sum();
        long deferrals = windows.stream().mapToLong(w -> w.at("/payload/deferrals").asLong()).sum();
        long signals = windows.stream().mapToLong(w -> w.at("/payload/signals/gmail-421-4.7.28").asLong()).sum();
        assertThat(delivered).isEqualTo(19_000);
        assertThat(deferrals).isEqualTo(1_000);
        assertThat(signals).isEqualTo(1_000);
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.at("/tenantId").asText()).isEqualTo("tenant-a");
            assertThat(w.at("/payload/provider").asText()).isEqualTo("gmail");
            assertThat(w.at("/payload/vmta").asText()).isEqualTo("v203-0-113-10");
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery_counter WHERE window_end <= now()", Long.class))
                .as("everything ended was reported").isZero();
    }

    @Test
    void theSameRecordsPostedConcurrentlyAreCountedAndPublishedOnce() throws Exception {
        // 6,000 records on two IPs (so two lanes per batch), 1 in 20 a hard bounce; three posts at once,
        // each in batches of 500 that race for the same lanes.
        StringBuilder csv = new StringBuilder("type,timeLogged,rcpt,dsnStatus,bounceCat,dlvSourceIp,vmta,queue\n");
        int bounces = 0;
        for (int n = 0; n < 6_000; n++) {
            String ip = n % 2 == 0 ? "10" : "11";
            String time = String.format("2026-11-26 07:%02d:%02d+0000", (n / 60) % 60, n % 60);
            boolean bounce = n % 20 == 0;
            bounces += bounce ? 1 : 0;
            csv.append(bounce ? "b," : "d,").append(time).append(",user").append(n).append("@parallel-posts.test,")
                    .append(bounce ? "5.1.1 (bad mailbox),bad-mailbox," : "2.0.0 (success),,")
                    .append("203.0.113.").append(ip).append(",v203-0-113-").append(ip).append(",gmail.com/v203-0-113-").append(ip)
                    .append('\n');
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<JsonNode>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                posts.add(pool.submit(() -> post("text/csv", csv.toString(), TOKEN)));
            }
            long accepted = 0;
            long duplicates = 0;
            for (var post : posts) {
                JsonNode answer = post.get(2, java.util.concurrent.TimeUnit.MINUTES);
                accepted += answer.get("accepted").asLong();
                duplicates += answer.get("duplicates").asLong();
            }
            assertThat(accepted).as("each record accepted by exactly one of the posts").isEqualTo(6_000);
            assertThat(duplicates).isEqualTo(12_000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(RelayedEvents.count(jdbc, kafka, BOUNCES, r -> KafkaProbe.text(r).contains("@parallel-posts.test"), WAIT))
                .as("one BounceReceived per bounce").isEqualTo(bounces);
        assertThat(jdbc.queryForObject("""
                SELECT coalesce(sum(delivered + hard), 0) FROM delivery_counter
                WHERE window_start >= '2026-11-26 07:00:00+00' AND window_start < '2026-11-26 08:00:00+00'""", Long.class))
                .as("counted once").isEqualTo(6_000);
    }

    /** Whether a run of the Message-ID map holds the hash of this (normalised) Message-ID. */
    private boolean inMessageIdMap(String messageId) {
        return jdbc.queryForObject("SELECT count(*) FROM message_origin_bucket WHERE position(int8send(?) IN entries) > 0",
                Long.class, MessageIds.hash(messageId)) > 0;
    }

    @Test
    void messageOriginsAndThenKeysAreForgottenAfterTheirRetentions() throws Exception {
        String delivery = """
                type,timeLogged,rcpt,dlvSourceIp,header_Message-Id
                d,2026-11-27 06:00:00+0000,kept@yahoo.com,203.0.113.12,<retention-1@news.retention.test>
                """;
        String remoteBounce = """
                type,timeLogged,rcpt,dsnStatus,bounceCat,header_Message-Id
                rb,2026-11-27 07:00:00+0000,kept@yahoo.com,5.1.1 (bad mailbox),bad-mailbox,<retention-1@news.retention.test>
                """;
        // An IP of its own, so its lane holds only this test's records.
        jdbc.update("""
                INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at)
                VALUES ('203.0.113.12', 'tenant-b', 'v203-0-113-12', 'pmta-1', 'tenant-b', now()) ON CONFLICT (ip) DO NOTHING""");
        String lane = "203.0.113.12|";
        assertThat(summary(post("text/csv", delivery, TOKEN))).isEqualTo("accepted=1 duplicates=0 rejected=0 unattributed=0");

        jdbc.update("UPDATE ingest_chunk SET ingested_at = now() - interval '8 days' WHERE lane = ?", lane);
        // The run of the Message-ID map holding it (whatever runs it was merged with), learnt 8 days ago.
        assertThat(jdbc.update("""
                UPDATE message_origin_run SET learned_from = now() - interval '8 days', learned_to = now() - interval '8 days'
                WHERE run IN (SELECT run FROM message_origin_bucket WHERE position(int8send(?) IN entries) > 0)""",
                MessageIds.hash(MessageIds.normalise("<retention-1@news.retention.test>")))).isEqualTo(1);
        retention.forgetExpiredKeys();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ingest_chunk WHERE lane = ?", Long.class, lane)).isEqualTo(1);
        assertThat(summary(post("text/csv", remoteBounce, TOKEN))).as("the origin is forgotten after 7 days")
                .isEqualTo("accepted=1 duplicates=0 rejected=0 unattributed=1");
        assertThat(summary(post("text/csv", delivery, TOKEN))).as("the key is kept 14 days")
                .isEqualTo("accepted=0 duplicates=1 rejected=0 unattributed=0");

        jdbc.update("UPDATE ingest_chunk SET ingested_at = now() - interval '15 days' WHERE lane = ?", lane);
        retention.forgetExpiredKeys();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ingest_chunk WHERE lane = ?", Long.class, lane)).isZero();
        assertThat(summary(post("text/csv", delivery, TOKEN))).as("forgotten: the same record counts again")
                .isEqualTo("accepted=1 duplicates=0 rejected=0 unattributed=0");
    }

    @Test
    void recordsOfAnUnknownIpAreKeptAndPublishedOnceItsOwnerIsLearnt() throws Exception {
        String csv = """
                type,timeLogged,rcpt,dsnStatus,bounceCat,dlvSourceIp,vmta
                b,2026-11-25 09:00:00+0000,late@gmail.com,5.1.1 (bad mailbox),bad-mailbox,198.51.100.50,v198-51-100-50
                """;
        assertThat(summary(post("text/csv", csv, TOKEN))).isEqualTo("accepted=1 duplicates=0 rejected=0 unattributed=1");

        io.emailengine.events.types.SendingIp ip = io.emailengine.events.types.SendingIp.of("198.51.100.50");
        var spec = new io.emailengine.events.VirtualMtaSpec(io.emailengine.events.types.VirtualMtaName.forIp(ip), ip,
                "mta50.example.net", "example.net", "s2026", "tenant-b");
        var inventory = io.emailengine.events.EventEnvelope.of(new io.emailengine.events.PmtaConfigRequested(
                new io.emailengine.events.types.HostId("pmta-1"), spec, Map.of(), java.util.Set.of()),
                new io.emailengine.events.types.TenantId("tenant-b"), "warmup-service", java.time.Clock.systemUTC());
        kafka.send(EventType.PMTA_CONFIG_REQUESTED.topic(), inventory.key(), eventJson.write(inventory));

        JsonNode released = json(kafka.awaitRecord(BOUNCES, r -> KafkaProbe.text(r).contains("late@gmail.com"), WAIT));
        assertThat(released.at("/tenantId").asText()).isEqualTo("tenant-b");
        assertThat(released.at("/payload/kind").asText()).isEqualTo("hard");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM unattributed_record WHERE ip = '198.51.100.50'", Long.class)).isZero();
        assertThat(summary(post("text/csv", csv, TOKEN))).as("still the same record")
                .isEqualTo("accepted=0 duplicates=1 rejected=0 unattributed=0");
    }

    /** 95% deliveries and 5% Gmail rate-limit deferrals over 10 minutes of 2026-11-23, generated lazily. */
    private static InputStream generated(int records) {
        Iterator<String> lines = new Iterator<>() {
            int i = -1;

            @Override
            public boolean hasNext() {
                return i < records;
            }

            @Override
            public String next() {
                i++;
                if (i == 0) {
                    return "type,timeLogged,rcpt,dsnDiag,dlvSourceIp,vmta,queue\n";
                }
                int n = i - 1;
                String time = String.format("2026-11-23 10:%02d:%02d+0000", (n / 60) % 10, n % 60);
                return n % 20 == 0
                        ? "t," + time + ",user" + n + "@gmail.com,\"smtp;421-4.7.28 rate limited, slow down\",203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10\n"
                        : "d," + time + ",user" + n + "@gmail.com,smtp;250 ok,203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10\n";
            }
        };
        return new java.io.SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return lines.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return new java.io.ByteArrayInputStream(lines.next().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private JsonNode post(String contentType, String body, String token) throws Exception {
        HttpResponse<String> response = send(contentType, body, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    private HttpResponse<String> send(String contentType, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/accounting")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", apiKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String summary(JsonNode answer) {
        return "accepted=" + answer.get("accepted").asLong() + " duplicates=" + answer.get("duplicates").asLong()
                + " rejected=" + answer.get("rejected").asLong() + " unattributed=" + answer.get("unattributed").asLong();
    }

    /** How many records of the bounce topic carry the event id of one of these, once the outbox is relayed. */
    private long timesPublished(List<ConsumerRecord<String, byte[]>> events) {
        Set<String> ids = events.stream().map(r -> KafkaProbe.header(r, "eventId")).collect(Collectors.toSet());
        return RelayedEvents.count(jdbc, kafka, BOUNCES, r -> ids.contains(KafkaProbe.header(r, "eventId")), WAIT);
    }

    private JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return mapper.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = AccountingPushIntegrationTest.class.getResourceAsStream("/acct/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

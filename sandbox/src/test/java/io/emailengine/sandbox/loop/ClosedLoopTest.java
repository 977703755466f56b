package io.emailengine.sandbox.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.emailengine.sandbox.ApiKeySet;
import io.emailengine.sandbox.EngineApi;
import io.emailengine.sandbox.Sandbox;
import io.emailengine.sandbox.SandboxOptions;
import io.emailengine.sandbox.SeedData;
import io.emailengine.sandbox.ServiceProcess;
import io.emailengine.simulator.mailwizz.DeliveryServer;
import io.emailengine.simulator.mailwizz.Suppression;
import io.emailengine.simulator.pmta.Incident;
import io.emailengine.simulator.pmta.InjectedRecord;
import io.emailengine.simulator.pmta.LiveConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The closed loop, end to end, in the sandbox: the five service jars built earlier in this reactor, real Kafka,
 * PostgreSQL and MariaDB, the PowerMTA host simulator (SSH/SFTP) writing accounting traffic at the rates the engine
 * deployed, the MailWizz and Telegram simulators. The seed registers the five IPs of two tenants through the APIs; the
 * tests watch the warmup run over simulated days (one day = {@value #DAY_SECONDS} s) and then kill and restart every
 * service while traffic flows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClosedLoopTest {

    static final int DAY_SECONDS = 15;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final List<String> PROVIDERS = List.of("gmail", "microsoft", "yahoo", "other");
    private static final Map<String, String> PATTERN_OF = Map.of("gmail", "gmail.rollup", "microsoft", "microsoft.rollup",
            "yahoo", "yahoo.rollup", "other", "*");

    private static Sandbox sandbox;
    private static boolean ready;
    private static int kafkaPort;
    private static WarmupProbe warmup;
    private static TopicReader bounces;

    @BeforeAll
    static void startTheSandbox() throws Exception {
        kafkaPort = freePort();
        SandboxOptions options = new SandboxOptions(kafkaPort, freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), DAY_SECONDS, true, false, Duration.ofSeconds(180), ServiceProcess.ALL_SERVICES, false, false);
        sandbox = new Sandbox(options, projectRoot());
        ready = sandbox.start();
        warmup = new WarmupProbe(EngineApi.of("warmup-service", sandbox.keys().admin()));
        bounces = new TopicReader("localhost:" + kafkaPort, "email-engine.bounce-received.v1");
    }

    @AfterAll
    static void stopTheSandbox() {
        if (bounces != null) {
            bounces.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    @Order(1)
    void theSeedRegistersAndStartsFiveIpsOfTwoTenantsThroughTheApi() throws Exception {
        assertThat(ready).as("sandbox ready and seeded").isTrue();
        for (String tenant : ApiKeySet.TENANTS) {
            EngineApi api = EngineApi.of("warmup-service", sandbox.keys().tenant(tenant));
            Set<String> listed = new HashSet<>();
            api.get("/api/v1/tenants/" + tenant + "/ips").forEach(ip -> listed.add(ip.path("ip").asText()));
            assertThat(listed).containsExactlyInAnyOrderElementsOf(
                    SeedData.ofTenant(tenant).stream().map(SeedData.SeedServer::ip).toList());
            for (SeedData.SeedServer server : SeedData.ofTenant(tenant)) {
                assertThat(warmup.status(tenant, server.ip())).as(server.ip()).containsOnlyKeys(PROVIDERS)
                        .allSatisfy((provider, now) -> assertThat(now.phase()).isEqualTo("WARMING"));
            }
        }
    }

    @Test
    @Order(2)
    void tenantBSeesAndChangesNothingOfTenantA() throws Exception {
        EngineApi asB = EngineApi.of("warmup-service", sandbox.keys().tenant("tenant-b"));
        assertThatThrownBy(() -> asB.get("/api/v1/tenants/tenant-a/ips"))
                .isInstanceOfSatisfying(EngineApi.ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> asB.get(WarmupProbe.base("tenant-b", "203.0.113.10")))
                .isInstanceOfSatisfying(EngineApi.ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> asB.post(WarmupProbe.base("tenant-b", "203.0.113.10") + "/pause", null))
                .isInstanceOfSatisfying(EngineApi.ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        EngineApi gatewayAsB = EngineApi.of("mailwizz-gateway", sandbox.keys().tenant("tenant-b"));
        assertThatThrownBy(() -> gatewayAsB.get("/api/v1/tenants/tenant-a/mailwizz/quotas"))
                .isInstanceOfSatisfying(EngineApi.ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        String quotasOfB = gatewayAsB.get("/api/v1/tenants/tenant-b/mailwizz/quotas").toString();
        assertThat(quotasOfB).doesNotContain("203.0.113.10", "203.0.113.12", "203.0.113.13");
        EngineApi pmtaAsB = EngineApi.of("pmta-config-service", sandbox.keys().tenant("tenant-b"));
        assertThatThrownBy(() -> pmtaAsB.post("/api/v1/pmta-hosts/pmta-1/queues/gmail.com/v203-0-113-10/pause", null))
                .isInstanceOfSatisfying(EngineApi.ApiException.class, e -> assertThat(e.status()).isIn(403, 404));
        assertThat(pmtaAsB.get("/api/v1/pmta-hosts/pmta-1/queues").toString()).doesNotContain("v203-0-113-10");
        assertThat(sandbox.pmta().pausedQueues()).isEmpty();
    }

    @Test
    @Order(3)
    void mailwizzQuotasAndPowerMtaRatesFollowThePlanAsItAdvances() throws Exception {
        // the loop closes: traffic at the deployed rates → accounting → statistics → promotions → new limits
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (SeedData.SeedServer server : SeedData.SERVERS) {
                assertThat(warmup.decisions(server.tenant(), server.ip())).as("promotions of " + server.ip())
                        .anySatisfy(d -> assertThat(d.kind()).isEqualTo("PROMOTE"));
            }
        });
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (SeedData.SeedServer server : SeedData.SERVERS) {
                Map<String, WarmupProbe.ProviderNow> plan = warmup.status(server.tenant(), server.ip());
                DeliveryServer row = sandbox.mailwizz().deliveryServer(server.serverId()).orElseThrow();
                assertThat(row.dailyQuota()).as("MailWizz daily quota of server " + server.serverId())
                        .isEqualTo(plan.values().stream().mapToLong(WarmupProbe.ProviderNow::daily).sum());
                assertThat(row.hourlyQuota()).as("MailWizz hourly quota of server " + server.serverId())
                        .isEqualTo(plan.values().stream().mapToLong(WarmupProbe.ProviderNow::hourly).sum());
                LiveConfig.VirtualMta vmta = sandbox.pmta().liveConfig().virtualMta(server.vmta()).orElseThrow();
                for (String provider : PROVIDERS) {
                    LiveConfig.DomainLimits limits = vmta.domains().get(PATTERN_OF.get(provider));
                    assertThat(limits).as(server.vmta() + " " + provider).isNotNull();
                    // PowerMTA takes a rate per hour or per minute fraction: the rendered rate may round down a little
                    assertThat(limits.maxMsgRate().perHour()).as(server.vmta() + " " + provider + " max-msg-rate")
                            .isBetween(plan.get(provider).hourly() * 0.95 - 6, plan.get(provider).hourly() + 0.5);
                }
            }
        });
        assertThat(sandbox.mailwizz().quotaChanges()).as("quota writes by the engine's limited database user")
                .isNotEmpty().allSatisfy(change -> assertThat(change.changedBy()).startsWith("email_engine@"));
    }

    @Test
    @Order(4)
    void aGmailIncidentOnOneIpCutsGmailOnThatIpOnlyWithinOneTickAlertsAndResolves() throws Exception {
        String ip = "203.0.113.12";
        // a cut needs room below: wait until gmail on the IP has grown past the plan's first stages
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(warmup.status("tenant-a", ip).get("gmail").stage()).as("gmail stage on " + ip).isGreaterThanOrEqualTo(2));
        Instant before = sandbox.clock().instant();
        List<InjectedRecord> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(sandbox.pmta().injectSignal(ip, "gmail", Incident.Kind.GMAIL_RATE_LIMIT_BURST));
        }
        Set<String> burstIds = burst.stream().map(InjectedRecord::messageId).collect(Collectors.toSet());

        // when warmup-service could know: the last burst record's BounceReceived stored on Kafka
        Instant[] known = new Instant[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<TopicReader.Event> seen = bounces.events().stream()
                    .filter(e -> burstIds.contains(e.payload().path("messageId").asText())).toList();
            assertThat(seen.stream().map(e -> e.payload().path("messageId").asText()).distinct()).hasSize(burstIds.size());
            known[0] = sandbox.clock().simulatedAt(seen.stream().map(TopicReader.Event::storedAt).max(Instant::compareTo)
                    .orElseThrow());
        });
        WarmupProbe.DecisionRow[] cut = new WarmupProbe.DecisionRow[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            cut[0] = warmup.decisions("tenant-a", ip).stream()
                    .filter(d -> d.provider().equals("gmail") && !d.decidedAt().isBefore(before)
                            && (d.kind().equals("BACK_OFF") || d.kind().equals("PAUSE")) && d.reason().contains("4.7.28"))
                    .min(java.util.Comparator.comparing(WarmupProbe.DecisionRow::decidedAt)).orElse(null);
            assertThat(cut[0]).as("gmail cut on " + ip + " for the 421-4.7.28 burst").isNotNull();
        });
        assertThat(cut[0].toDaily()).isLessThan(cut[0].fromDaily());
        assertThat(cut[0].decidedAt()).as("decided within one (hourly) tick of the signal reaching the engine")
                .isBeforeOrEqualTo(known[0].plus(Duration.ofHours(1)));

        Instant until = cut[0].decidedAt().plus(Duration.ofHours(1));
        for (SeedData.SeedServer other : SeedData.SERVERS) {
            for (WarmupProbe.DecisionRow d : warmup.decisions(other.tenant(), other.ip())) {
                boolean inWindow = !d.decidedAt().isBefore(before) && !d.decidedAt().isAfter(until);
                boolean isCut = d.kind().equals("BACK_OFF") || d.kind().equals("PAUSE");
                if (inWindow && isCut) {
                    assertThat(other.ip().equals(ip) && d.provider().equals("gmail"))
                            .as("cut outside the incident: " + other.ip() + " " + d.provider() + " " + d.reason()).isTrue();
                }
            }
        }
        int[] firingMessage = new int[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> texts = texts();
            firingMessage[0] = texts.size() - 1;
            while (firingMessage[0] >= 0 && !(texts.get(firingMessage[0]).contains("FIRING")
                    && texts.get(firingMessage[0]).contains(ip + " → gmail"))) {
                firingMessage[0]--;
            }
            assertThat(firingMessage[0]).as("a FIRING message naming " + ip + " → gmail").isNotNegative();
        });
        // healthy days after the cut: the warmup recovers, the alert resolves, tenant-a's chat is told
        EngineApi alerts = EngineApi.of("alerting-service", sandbox.keys().tenant("tenant-a"));
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> statuses = new ArrayList<>();
            alerts.get("/api/v1/tenants/tenant-a/alerts").forEach(alert -> {
                if (ip.equals(alert.path("labels").path("ip").asText())
                        && "gmail".equals(alert.path("labels").path("provider").asText())) {
                    statuses.add(alert.path("status").asText());
                }
            });
            assertThat(statuses).as("alert of " + ip + " → gmail; decisions since the cut: " + decisionsSince(ip, before))
                    .isNotEmpty().allSatisfy(status -> assertThat(status).isEqualToIgnoringCase("resolved"));
            List<String> texts = texts();
            assertThat(texts.subList(firingMessage[0] + 1, texts.size())).as("messages after the FIRING one")
                    .anySatisfy(text -> assertThat(text).contains("tenant-a").containsIgnoringCase("resolved"));
        });
    }

    private static String decisionsSince(String ip, Instant since) throws IOException {
        return warmup.decisions("tenant-a", ip).stream().filter(d -> !d.decidedAt().isBefore(since))
                .map(d -> d.decidedAt() + " " + d.provider() + " " + d.kind() + " " + d.reason()).toList().toString();
    }

    @Test
    @Order(5)
    void hardBouncesAndComplaintsAreSuppressedInMailwizzAndNothingElseIs() throws Exception {
        InjectedRecord hard = sandbox.pmta().injectSignal("203.0.113.13", "yahoo", Incident.Kind.HARD_BOUNCE_SPIKE);
        InjectedRecord complaint = sandbox.pmta().injectSignal("203.0.113.14", "gmail", Incident.Kind.COMPLAINT_SPIKE);
        String hardAddress = recipientOf(hard);
        String complainer = recipientOf(complaint);
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Suppression> suppressions = sandbox.mailwizz().suppressions();
            assertThat(suppressions).anySatisfy(s -> {
                assertThat(s.email()).isEqualTo(hardAddress);
                assertThat(s.customerName()).isEqualTo("tenant-a");
                assertThat(s.kind()).isEqualTo(Suppression.Kind.CAMPAIGN_BOUNCE);
            });
            assertThat(suppressions).anySatisfy(s -> {
                assertThat(s.email()).isEqualTo(complainer);
                assertThat(s.customerName()).isEqualTo("tenant-b");
                assertThat(s.kind()).isIn(Suppression.Kind.UNSUBSCRIBE, Suppression.Kind.BLACKLIST);
            });
        });
        // every suppressed address was a hard bounce (bad mailbox/domain) or a complaint in PowerMTA's accounting,
        // never only a deferral or a soft bounce (mailbox full, expired)
        // (read again when the host rotated its live file between listing the directory and reading it)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(java.nio.file.NoSuchFileException.class).untilAsserted(() -> {
            Map<String, Set<String>> outcomesByAddress = accountingOutcomesByRecipient();
            for (Suppression s : sandbox.mailwizz().suppressions()) {
                assertThat(outcomesByAddress.getOrDefault(s.email(), Set.of()))
                        .as("accounting records of " + s.email() + " (" + s.kind() + ", " + s.reason() + "); lines naming it: "
                                + linesNaming(s.email()))
                        .containsAnyOf("b/bad-mailbox", "b/bad-domain", "b/inactive-mailbox", "f");
            }
        });
    }

    @Test
    @Order(6)
    void killingAndRestartingEveryServiceMidRunLosesAndDuplicatesNothing() throws Exception {
        for (String service : List.of("bounce-ingest-service", "warmup-service", "pmta-config-service", "mailwizz-gateway",
                "alerting-service")) {
            ServiceProcess process = sandbox.service(service);
            process.kill();
            Thread.sleep(1500); // traffic goes on while it is down
            process.restart();
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                ServiceProcess.ALL_SERVICES.stream().allMatch(name -> sandbox.service(name).isReady()));
        sandbox.pmta().stopTraffic();

        // no loss, no duplicate: one BounceReceived per non-delivery record PowerMTA wrote, each exactly once
        long nonDeliveries = sandbox.pmta().trafficSummary().total() - sandbox.pmta().trafficSummary().total("d");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> distinct = bounces.events().stream().map(TopicReader.Event::eventId).collect(Collectors.toSet());
            assertThat(distinct).as("distinct BounceReceived events for " + nonDeliveries + " non-delivery records")
                    .hasSize((int) nonDeliveries);
        });
        Map<String, Long> perRecord = bounces.events().stream().map(e -> e.payload().path("messageId").asText() + "|"
                        + e.payload().path("recordType").asText() + "|" + e.payload().path("loggedAt").asText())
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
        Map<String, Long> perEventId = bounces.events().stream()
                .collect(Collectors.groupingBy(TopicReader.Event::eventId, Collectors.counting()));
        assertThat(perRecord).as("records that became BounceReceived under two event ids").hasSize(perEventId.size());

        // the loop still runs: traffic again, and a Gmail incident after the restarts goes all the way to Telegram.
        // A killed consumer keeps its partitions until its session times out: wait until warmup-service consumes again
        // (a block signal counts within the hour it was logged, and an hour is a fraction of a real second here)
        sandbox.pmta().startTraffic();
        awaitCaughtUp("warmup-service", "email-engine.bounce-received.v1");
        // a cut needs room below (as in the Gmail incident above): on a slow machine the restarts can find
        // gmail on the IP still at the plan's first stage, where the burst would cut nothing and alert nobody
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(warmup.status("tenant-b", "203.0.113.11").get("gmail").stage()).as("gmail stage on 203.0.113.11")
                        .isGreaterThanOrEqualTo(2));
        int messagesBefore = sandbox.telegram().messages().size();
        Instant injected = sandbox.clock().instant();
        for (int i = 0; i < 40; i++) {
            sandbox.pmta().injectSignal("203.0.113.11", "gmail", Incident.Kind.GMAIL_RATE_LIMIT_BURST);
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> texts = texts();
            assertThat(texts.subList(messagesBefore, texts.size()))
                        .as("Telegram after the restarts; decisions of 203.0.113.11 since the burst: "
                                + warmup.decisions("tenant-b", "203.0.113.11").stream()
                                .filter(d -> !d.decidedAt().isBefore(injected))
                                .map(d -> d.provider() + " " + d.kind() + " " + d.cause()).toList())
                        .anySatisfy(text -> assertThat(text).contains("203.0.113.11 → gmail"));
        });

        // warmup: never two decisions for one IP, provider and moment
        for (SeedData.SeedServer server : SeedData.SERVERS) {
            List<WarmupProbe.DecisionRow> decisions = warmup.decisions(server.tenant(), server.ip());
            Map<String, Long> perMoment = decisions.stream().collect(Collectors.groupingBy(
                    d -> d.provider() + "@" + d.decidedAt() + "#" + d.cause(), Collectors.counting()));
            assertThat(perMoment).as("decisions of " + server.ip()).allSatisfy((moment, count) ->
                    assertThat(count).as(moment).isEqualTo(1));
        }
        // MailWizz and PowerMTA converge to the engine's state again
        mailwizzQuotasAndPowerMtaRatesConverge();
    }

    /** Until the consumer group has committed everything on the topic and is stable (its members all rejoined). */
    private static void awaitCaughtUp(String group, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort);
        try (Admin admin = Admin.create(props)) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertThat(description.state()).as(group + " state").isEqualTo(ConsumerGroupState.STABLE);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                assertThat(latest).as("partitions of " + topic + " committed by " + group).isNotEmpty();
                var ends = admin.listOffsets(latest).all().get();
                for (TopicPartition partition : latest.keySet()) {
                    assertThat(committed.get(partition).offset()).as(group + " on " + partition)
                            .isEqualTo(ends.get(partition).offset());
                }
            });
        }
    }

    private static void mailwizzQuotasAndPowerMtaRatesConverge() {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (SeedData.SeedServer server : SeedData.SERVERS) {
                Map<String, WarmupProbe.ProviderNow> plan = warmup.status(server.tenant(), server.ip());
                DeliveryServer row = sandbox.mailwizz().deliveryServer(server.serverId()).orElseThrow();
                assertThat(row.dailyQuota()).isEqualTo(plan.values().stream().mapToLong(WarmupProbe.ProviderNow::daily).sum());
                LiveConfig.VirtualMta vmta = sandbox.pmta().liveConfig().virtualMta(server.vmta()).orElseThrow();
                for (String provider : PROVIDERS) {
                    assertThat(vmta.domains().get(PATTERN_OF.get(provider)).maxMsgRate().perHour())
                            .isBetween(plan.get(provider).hourly() * 0.95 - 6, plan.get(provider).hourly() + 0.5);
                }
            }
        });
    }

    private static List<String> texts() {
        return sandbox.telegram().messages().stream().map(m -> m.path("text").asText()).toList();
    }

    /** The simulator carries the recipient in the Message-ID's local part: {@code <...~local=domain@host>}. */
    private static String recipientOf(InjectedRecord record) {
        String recipient = recipientOf(record.messageId());
        assertThat(recipient).as("recipient in " + record.messageId()).isNotNull();
        return recipient;
    }

    private static String recipientOf(String messageId) {
        int tilde = messageId.indexOf('~');
        int at = messageId.lastIndexOf('@');
        if (tilde < 0 || at < tilde) {
            return null;
        }
        String local = messageId.substring(tilde + 1, at);
        int eq = local.lastIndexOf('=');
        return eq < 0 ? null : local.substring(0, eq) + "@" + local.substring(eq + 1);
    }

    /**
     * Outcomes ({@code type}, or {@code b/<bounceCat>}) per recipient over every accounting file the simulator wrote.
     * RFC 4180 by header name; a header line may come again mid-file (with more columns once a new record type
     * appears), as PowerMTA's own files do.
     */
    private static Map<String, Set<String>> accountingOutcomesByRecipient() throws IOException {
        Map<String, Set<String>> outcomes = new HashMap<>();
        // The host rotates its live file every few (real) seconds, which can be less than a pass over all the
        // files takes on a slow machine: a file renamed after the listing is read under its new name in the
        // next pass, so a pass that loses a file does not lose its records (and no other file is read twice).
        Set<String> read = new HashSet<>();
        for (int pass = 0; pass < 5; pass++) {
            boolean vanished = false;
            List<Path> files;
            try (Stream<Path> listing = Files.list(sandbox.pmta().local("/var/log/pmta"))) {
                files = listing.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                // the live file's name comes back with other records after a rotation: read it in every pass
                boolean live = !name.matches(".*-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.csv");
                if (!live && read.contains(name)) {
                    continue;
                }
                try {
                    readOutcomes(file, outcomes);
                    read.add(name);
                } catch (java.nio.file.NoSuchFileException renamed) {
                    vanished = true;
                }
            }
            if (!vanished) {
                return outcomes;
            }
        }
        return outcomes;
    }

    private static void readOutcomes(Path file, Map<String, Set<String>> outcomes) throws IOException {
        List<String> header = List.of();
        try (CSVParser parser = CSVParser.parse(file, java.nio.charset.StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                if (record.get(0).equals("type")) {
                    header = record.toList();
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                    row.put(header.get(i), record.get(i));
                }
                String rcpt = row.getOrDefault("rcpt", "");
                // a feedback-loop report may lack the recipient: then only its Message-ID names it
                String recipient = rcpt.isEmpty() ? recipientOf(row.getOrDefault("header_Message-Id", "")) : rcpt;
                if (recipient != null) {
                    String type = row.getOrDefault("type", "");
                    outcomes.computeIfAbsent(recipient, k -> new HashSet<>())
                            .add(type.equals("b") ? "b/" + row.getOrDefault("bounceCat", "") : type);
                }
            }
        }
    }

    private static List<String> linesNaming(String address) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(sandbox.pmta().local("/var/log/pmta"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(address)) {
                        found.add(file.getFileName() + ": " + line.substring(0, Math.min(160, line.length())));
                    }
                }
            }
        }
        return found;
    }

    /** The repository root (service jars in {@code <module>/target/}); {@code -Dsandbox.root=...} points elsewhere. */
    static Path projectRoot() {
        String configured = System.getProperty("sandbox.root");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path here = Paths.get("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("mvnw")) ? here : here.getParent();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.emailengine.pmtaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.DkimKeyStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventType;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.ProviderLimits;
import io.emailengine.events.VirtualMtaSpec;
import io.emailengine.events.types.HostId;
import io.emailengine.events.types.MessageRate;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.events.EventJson;
import io.emailengine.kit.security.ApiKeys;
import io.emailengine.pmtaconfig.application.HostLock;
import io.emailengine.pmtaconfig.fake.FakePmtaHost;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The deployment path end to end: events over real Kafka, state in real PostgreSQL, and PowerMTA
 * hosts played by real SSH/SFTP servers ({@link FakePmtaHost}). One Spring context; each scenario
 * uses its own host so they cannot disturb each other while the reconciler runs for all of them.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "email-engine.pmta-config.deploy.debounce=1s",
        "email-engine.pmta-config.deploy.reconcile-every=100ms",
        "email-engine.pmta-config.deploy.retry-backoff-min=500ms",
        "email-engine.pmta-config.deploy.retry-backoff-max=2s",
        "email-engine.pmta-config.ssh.attempts=2",
        "email-engine.pmta-config.ssh.first-backoff=100ms",
        "email-engine.pmta-config.ssh.connect-timeout=3s",
        "email-engine.pmta-config.ssh.command-timeout=10s",
        "email-engine.pmta-config.ssh.breaker-open-for=1s",
        "email-engine.pmta-config.health.probe-every=500ms",
        "email-engine.pmta-config.health.queues-every=1s",
        // test-support stops PostgreSQL in a shutdown hook; a reconcile tick waiting for a connection must not
        // hold the context's shutdown for Hikari's default 30 s.
        "spring.datasource.hikari.connection-timeout=3000"})
class PmtaDeploymentScenariosTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String INCLUDE = "/etc/pmta/email-engine.d/engine.conf";
    static final String ADMIN_KEY = "admin-test-key";
    static final String TENANT_KEY = "tenant-a-test-key";
    static final Path KEYS;
    static final List<FakePmtaHost> HOSTS = new ArrayList<>();
    static KafkaProbe kafka;

    static {
        try {
            KEYS = Files.createTempDirectory("pmta-client-keys");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventJson json;
    @Autowired MeterRegistry meters;
    @Autowired HostLock lock;
    final ObjectMapper mapper = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("email-engine.security.api-keys[0].name", () -> "admin");
        registry.add("email-engine.security.api-keys[0].hash", () -> ApiKeys.hash(ADMIN_KEY));
        registry.add("email-engine.security.api-keys[0].admin", () -> "true");
        registry.add("email-engine.security.api-keys[1].name", () -> "tenant-a");
        registry.add("email-engine.security.api-keys[1].hash", () -> ApiKeys.hash(TENANT_KEY));
        registry.add("email-engine.security.api-keys[1].tenant", () -> "tenant-a");
        registry.add("email-engine.pmta-config.dkim.encryption-key",
                () -> Base64.getEncoder().encodeToString(new byte[32]));
    }

    @BeforeAll
    static void startProbe() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void stopHosts() throws IOException {
        kafka.close();
        for (FakePmtaHost host : HOSTS) {
            host.close();
        }
    }

    @Test
    void deploysTheDesiredStateTestsReloadsAndVerifiesEveryVirtualMtaIsLive() throws Exception {
        FakePmtaHost pmta = fakeHost();
        register("happy", pmta, pmta.hostKeyFingerprint());
        request("happy", "203.0.113.10", 1200, "tenant-a");
        request("happy", "203.0.113.11", 300, "tenant-b");

        await().atMost(WAIT).until(() -> pmta.liveVmtas().size() == 2 && deployments("happy", "SUCCEEDED") >= 1);

        String installed = pmta.installed();
        assertThat(installed).contains("<virtual-mta v203-0-113-10>", "<virtual-mta v203-0-113-11>",
                "<virtual-mta-pool tenant-a>", "record-fields b *,header_Message-Id", "# content-sha256: ");
        assertThat(pmta.liveVmtas()).containsExactlyInAnyOrder("v203-0-113-10", "v203-0-113-11");
        assertThat(pmta.commands()).containsSubsequence("pmta test config", "pmta reload", "pmta --json show vmtas");
        assertThat(Files.exists(pmta.local(INCLUDE + ".upload"))).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM config_version WHERE host_id = 'happy'", Long.class)).isPositive();
        assertThat(meters.get("email_engine_pmta_deployments").tags("host", "happy", "outcome", "succeeded").counter().count())
                .isPositive();
        JsonNode history = mapper.readTree(admin("GET", "/api/v1/admin/pmta-hosts/happy/deployments", null).body());
        assertThat(history.get(0).get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(history.get(0).get("diff").asText()).contains("+<virtual-mta v203-0-113-11>");
    }

    @Test
    void failedConfigTestRestoresThePreviousFileAlertsAndConvergesOnceTheHostAcceptsIt() throws Exception {
        FakePmtaHost pmta = fakeHost();
        String previous = "# the operator's previous include\n";
        pmta.install(previous);
        pmta.failTestConfig(true);
        register("testfail", pmta, pmta.hostKeyFingerprint());
        request("testfail", "203.0.113.20", 100, "tenant-a");

        awaitDeployment("testfail", "TEST_FAILED", 1);
        assertThat(pmta.installed()).isEqualTo(previous);
        assertThat(jdbc.queryForObject("SELECT bool_and(rolled_back) FROM deployment WHERE host_id = 'testfail'",
                Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT output FROM deployment WHERE host_id = 'testfail' ORDER BY id LIMIT 1",
                String.class)).contains("Error in line 1 of " + INCLUDE, "restored the previous");
        await().atMost(WAIT).until(() -> alerts("testfail", "PmtaDeploymentFailed", "firing") > 0);

        pmta.failTestConfig(false);

        awaitDeployment("testfail", "SUCCEEDED", 1);
        assertThat(pmta.installed()).contains("<virtual-mta v203-0-113-20>");
        await().atMost(WAIT).until(() -> alerts("testfail", "PmtaDeploymentFailed", "resolved") > 0);
        assertThat(meters.get("email_engine_pmta_rollbacks").tags("host", "testfail").counter().count()).isPositive();
    }

    @Test
    void failedReloadRestoresThePreviousFileAndReloadsItAgain() throws Exception {
        FakePmtaHost pmta = fakeHost();
        String previous = "# the operator's previous include\n";
        pmta.install(previous);
        pmta.failReload(true);
        register("reloadfail", pmta, pmta.hostKeyFingerprint());
        request("reloadfail", "203.0.113.30", 100, "tenant-a");

        awaitDeployment("reloadfail", "RELOAD_FAILED", 1);

        assertThat(pmta.installed()).isEqualTo(previous);
        assertThat(pmta.commands()).containsSubsequence("pmta test config", "pmta reload", "pmta reload");
        String output = jdbc.queryForObject(
                "SELECT output FROM deployment WHERE host_id = 'reloadfail' AND outcome = 'RELOAD_FAILED' ORDER BY id LIMIT 1",
                String.class);
        assertThat(output.split("\\$ pmta reload", -1)).hasSize(3);
        assertThat(output).contains("restored the previous").doesNotContain("show vmtas");
        pmta.failReload(false);
        awaitDeployment("reloadfail", "SUCCEEDED", 1);
    }

    @Test
    void virtualMtaMissingAfterReloadRollsBackToThePreviousFile() throws Exception {
        FakePmtaHost pmta = fakeHost();
        String previous = "# the operator's previous include\n";
        pmta.install(previous);
        pmta.hideVmtas(true);
        register("verifyfail", pmta, pmta.hostKeyFingerprint());
        request("verifyfail", "203.0.113.90", 100, "tenant-a");

        awaitDeployment("verifyfail", "VERIFY_FAILED", 1);

        assertThat(pmta.installed()).isEqualTo(previous);
        assertThat(jdbc.queryForObject("SELECT output FROM deployment WHERE host_id = 'verifyfail' AND outcome = 'VERIFY_FAILED' "
                + "ORDER BY id LIMIT 1", String.class)).contains("virtual MTAs not live: [v203-0-113-90]", "restored the previous");
    }

    @Test
    void hostPresentingAnotherKeyThanThePinnedOneIsRefusedBeforeAnythingIsUploaded() throws Exception {
        FakePmtaHost pmta = fakeHost();
        FakePmtaHost impostorKeySource = fakeHost();
        register("wrongkey", pmta, impostorKeySource.hostKeyFingerprint());
        request("wrongkey", "203.0.113.40", 100, "tenant-a");

        awaitDeployment("wrongkey", "HOST_KEY_REJECTED", 1);

        assertThat(pmta.installed()).isNull();
        assertThat(Files.exists(pmta.local(INCLUDE + ".upload"))).isFalse();
        assertThat(pmta.commands()).isEmpty();
        await().atMost(WAIT).until(() -> alerts("wrongkey", "PmtaHostKeyMismatch", "firing") > 0);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM outbox_event WHERE event_type = 'AlertRaised'
                AND payload LIKE '%PmtaHostKeyMismatch%' AND payload LIKE '%"severity":"critical"%'""", Long.class))
                .isPositive();
    }

    @Test
    void hostThatIsDownIsRetriedAlertedAndConvergedWhenItComesBack() throws Exception {
        FakePmtaHost pmta = fakeHost();
        pmta.stop();
        register("outage", pmta, pmta.hostKeyFingerprint());
        request("outage", "203.0.113.50", 100, "tenant-a");

        awaitDeployment("outage", "UNREACHABLE", 1);
        await().atMost(WAIT).until(() -> alerts("outage", "PmtaDeploymentFailed", "firing") > 0);
        await().atMost(WAIT).until(() -> alerts("outage", "PmtaHostUnreachable", "firing") > 0);

        pmta.restart();

        awaitDeployment("outage", "SUCCEEDED", 1);
        assertThat(pmta.installed()).contains("<virtual-mta v203-0-113-50>");
        await().atMost(WAIT).until(() -> alerts("outage", "PmtaDeploymentFailed", "resolved") > 0);
        await().atMost(WAIT).until(() -> alerts("outage", "PmtaHostUnreachable", "resolved") > 0);
        assertThat(alerts("outage", "PmtaHostUnreachable", "firing")).isEqualTo(1);
    }

    @Test
    void fiftyRequestsWithinOneSecondBecomeOneDeploymentContainingAllFifty() throws Exception {
        FakePmtaHost pmta = fakeHost();
        register("burst", pmta, pmta.hostKeyFingerprint());
        awaitDeployment("burst", "SUCCEEDED", 1);
        long before = deployments("burst", "SUCCEEDED");

        for (int i = 1; i <= 50; i++) {
            request("burst", "198.51.100." + i, 10L * i, i % 2 == 0 ? "tenant-a" : "tenant-b");
        }

        await().atMost(WAIT).until(() -> deployments("burst", "SUCCEEDED") > before);
        assertThat(pmta.liveVmtas()).hasSize(50);
        assertThat(deployments("burst", "SUCCEEDED")).isEqualTo(before + 1);
        assertThat(deployments("burst", "TEST_FAILED") + deployments("burst", "RELOAD_FAILED")).isZero();
        assertThat(jdbc.queryForObject("SELECT vmta_count FROM config_version WHERE host_id = 'burst' ORDER BY version DESC LIMIT 1",
                Integer.class)).isEqualTo(50);
    }

    @Test
    void invalidHostSpecIsRefusedWithTheFieldNamedAndThePrivateKeyReferenceIsNeverReturned() throws Exception {
        FakePmtaHost pmta = fakeHost();
        Map<String, Object> body = hostBody(pmta, pmta.hostKeyFingerprint());
        body.put("includePath", "/etc/pmta/engine.conf\n<virtual-mta evil>");

        HttpResponse<String> refused = admin("PUT", "/api/v1/admin/pmta-hosts/badhost", mapper.writeValueAsString(body));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(refused.body()).get("fields").get(0).get("field").asText()).isEqualTo("includePath");

        register("keyref", pmta, pmta.hostKeyFingerprint());
        HttpResponse<String> shown = admin("GET", "/api/v1/admin/pmta-hosts/keyref", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("privateKeyRef", KEYS.toString());
        assertThat(call("GET", "/api/v1/admin/pmta-hosts", null, TENANT_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void requestForAProviderOutsideTheCatalogueIsDeadLetteredWithAnAlert() {
        EventEnvelope<PmtaConfigRequested> event = envelope("somehost", "203.0.113.60", Map.of(
                new Provider("unknownmail"), new ProviderLimits(MessageRate.perHour(5), 1, 1)), "tenant-a");

        kafka.send(EventType.PMTA_CONFIG_REQUESTED.topic(), event.key(), json.write(event));

        kafka.awaitRecord(EventType.PMTA_CONFIG_REQUESTED.deadLetterTopic(),
                r -> KafkaProbe.text(r).contains(event.eventId().toString()), WAIT);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter WHERE event_id = ?", Long.class, event.eventId()) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM desired_vmta WHERE host_id = 'somehost'", Long.class)).isZero();
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbox_event WHERE event_type = 'AlertRaised' AND payload LIKE ?", Long.class,
                "%" + EventType.PMTA_CONFIG_REQUESTED.deadLetterTopic() + "%") > 0);
    }

    @Test
    void tenantPausesAndResumesQueuesOfItsOwnVirtualMtasOnly() throws Exception {
        FakePmtaHost pmta = fakeHost();
        register("queues", pmta, pmta.hostKeyFingerprint());
        request("queues", "203.0.113.80", 100, "tenant-a");
        request("queues", "203.0.113.81", 100, "tenant-b");
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM desired_vmta WHERE host_id = 'queues'", Long.class) == 2);

        HttpResponse<String> paused = call("POST", "/api/v1/pmta-hosts/queues/queues/gmail.rollup/v203-0-113-80/pause", null, TENANT_KEY);
        HttpResponse<String> resumed = call("POST", "/api/v1/pmta-hosts/queues/queues/gmail.rollup/v203-0-113-80/resume", null, TENANT_KEY);
        HttpResponse<String> foreign = call("POST", "/api/v1/pmta-hosts/queues/queues/gmail.rollup/v203-0-113-81/pause", null, TENANT_KEY);
        HttpResponse<String> injected = call("POST", "/api/v1/pmta-hosts/queues/queues/gmail.rollup%3Breboot/v203-0-113-80/pause",
                null, TENANT_KEY);

        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(pmta.commands()).contains("pmta pause queue gmail.rollup/v203-0-113-80",
                "pmta resume queue gmail.rollup/v203-0-113-80").noneMatch(c -> c.contains("v203-0-113-81") || c.contains("reboot"));
    }

    @Test
    void queueSizesAreExportedPerVirtualMtaAndProviderAndATenantListsOnlyItsOwnQueues() throws Exception {
        FakePmtaHost pmta = fakeHost();
        // The PowerMTA simulator's shape; gmail arrives under two domains and as a rollup, microsoft as its rollup.
        pmta.answerShowQueues("""
                {"queues":[
                 {"name":"gmail.com/v203-0-113-70","domain":"gmail.com","vmta":"v203-0-113-70","rcp":12,"msg":12,"kb":40,"conn":2,"paused":false},
                 {"name":"googlemail.com/v203-0-113-70","domain":"googlemail.com","vmta":"v203-0-113-70","rcp":3,"msg":3,"kb":9,"conn":1,"paused":false},
                 {"name":"outlook.rollup/v203-0-113-70","domain":"outlook.rollup","vmta":"v203-0-113-70","rcp":4,"msg":4,"kb":10,"conn":1,"paused":false},
                 {"name":"example.net/v203-0-113-70","domain":"example.net","vmta":"v203-0-113-70","rcp":1,"msg":1,"kb":2,"conn":0,"paused":false},
                 {"name":"gmail.rollup/v203-0-113-71","domain":"gmail.rollup","vmta":"v203-0-113-71","rcp":7,"msg":5,"kb":20,"conn":0,"paused":true}
                ]}""");
        pmta.answerShowStatus("""
                {"status":{"version":"5.0r1 (simulated)","uptime":"1d 02:03:04","queue":{"smtp":{"rcp":27,"msg":25,"kb":81}},
                 "conn":{"smtpOut":4},"traffic":{"lastHour":{"out":{"rcp":900,"msg":880}}}}}""");
        register("qhost", pmta, pmta.hostKeyFingerprint());
        request("qhost", "203.0.113.70", 100, "tenant-a");
        request("qhost", "203.0.113.71", 100, "tenant-b");
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM desired_vmta WHERE host_id = 'qhost'", Long.class) == 2);

        await().atMost(WAIT).until(() -> gauge("email_engine_pmta_queue_recipients", "host", "qhost", "vmta", "v203-0-113-70",
                "provider", "gmail") == 15);
        assertThat(gauge("email_engine_pmta_queue_recipients", "host", "qhost", "vmta", "v203-0-113-70", "provider", "microsoft"))
                .isEqualTo(4);
        assertThat(gauge("email_engine_pmta_queue_recipients", "host", "qhost", "vmta", "v203-0-113-70", "provider", "other"))
                .isEqualTo(1);
        assertThat(gauge("email_engine_pmta_queue_messages", "host", "qhost", "vmta", "v203-0-113-71", "provider", "gmail"))
                .isEqualTo(5);
        assertThat(gauge("email_engine_pmta_queue_paused", "host", "qhost", "vmta", "v203-0-113-71", "provider", "gmail"))
                .isEqualTo(1);
        assertThat(gauge("email_engine_pmta_host_queue_recipients", "host", "qhost")).isEqualTo(27);
        assertThat(gauge("email_engine_pmta_host_queue_messages", "host", "qhost")).isEqualTo(25);
        assertThat(gauge("email_engine_pmta_host_smtp_out_connections", "host", "qhost")).isEqualTo(4);
        assertThat(gauge("email_engine_pmta_status_readable", "host", "qhost", "command", "queues")).isEqualTo(1);

        HttpResponse<String> own = call("GET", "/api/v1/pmta-hosts/qhost/queues", null, TENANT_KEY);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode ownQueues = mapper.readTree(own.body());
        assertThat(ownQueues.get("queues")).extracting(q -> q.get("queue").asText()).containsExactly("gmail.com/v203-0-113-70",
                "googlemail.com/v203-0-113-70", "outlook.rollup/v203-0-113-70", "example.net/v203-0-113-70");
        assertThat(ownQueues.get("queues")).extracting(q -> q.get("provider").asText())
                .containsExactly("gmail", "gmail", "microsoft", "other");
        assertThat(ownQueues.get("status").isNull()).as("host totals cover other tenants").isTrue();
        assertThat(own.body()).doesNotContain("v203-0-113-71");
        JsonNode all = mapper.readTree(admin("GET", "/api/v1/pmta-hosts/qhost/queues", null).body());
        assertThat(all.get("queues")).hasSize(5);
        assertThat(all.get("status").get("queuedRecipients").asLong()).isEqualTo(27);

        // Unreadable output: an error and a metric, never zeros.
        pmta.answerShowQueues("pmta: unknown option --json");
        await().atMost(WAIT).until(() -> gauge("email_engine_pmta_status_readable", "host", "qhost", "command", "queues") == 0);
        assertThat(meters.find("email_engine_pmta_queue_recipients").tag("host", "qhost").gauges()).isEmpty();
        assertThat(meters.get("email_engine_pmta_status_read_failures").tags("host", "qhost", "command", "queues").counter()
                .count()).isPositive();
        assertThat(gauge("email_engine_pmta_host_queue_recipients", "host", "qhost")).as("status still readable").isEqualTo(27);
        HttpResponse<String> broken = admin("GET", "/api/v1/pmta-hosts/qhost/queues", null);
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(broken.body()).contains("'pmta --json show queues': unreadable output: not JSON");
        HttpResponse<String> brokenForTenant = call("GET", "/api/v1/pmta-hosts/qhost/queues", null, TENANT_KEY);
        assertThat(brokenForTenant.statusCode()).isEqualTo(502);
        assertThat(brokenForTenant.body()).doesNotContain("unknown option");
    }

    private double gauge(String name, String... tags) {
        io.micrometer.core.instrument.Gauge gauge = meters.find(name).tags(tags).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    @Test
    void onlyOneHolderAtATimeGetsTheDeploymentLockOfAHost() {
        try (HostLock.Held held = lock.tryLock("locked-host").orElseThrow()) {
            assertThat(lock.tryLock("locked-host")).isEmpty();
            HostLock.Held other = lock.tryLock("other-host").orElseThrow();
            other.close();
        }
        HostLock.Held again = lock.tryLock("locked-host").orElseThrow();
        again.close();
    }

    @Test
    void operatorSeesVersionsDiffsAndAPreviewOfTheRenderedFile() throws Exception {
        FakePmtaHost pmta = fakeHost();
        register("versions", pmta, pmta.hostKeyFingerprint());
        request("versions", "203.0.113.70", 100, "tenant-a");
        await().atMost(WAIT).until(() -> pmta.liveVmtas().contains("v203-0-113-70"));
        request("versions", "203.0.113.70", 200, "tenant-a");
        await().atMost(WAIT).until(() -> pmta.installed().contains("max-msg-rate 200/h")
                && deployments("versions", "SUCCEEDED") >= 2);

        JsonNode versions = mapper.readTree(admin("GET", "/api/v1/admin/pmta-hosts/versions/versions", null).body());
        long newest = versions.get(0).get("version").asLong();
        JsonNode firstPage = mapper.readTree(admin("GET", "/api/v1/admin/pmta-hosts/versions/versions?limit=1", null).body());
        JsonNode nextPage = mapper.readTree(admin("GET", "/api/v1/admin/pmta-hosts/versions/versions?limit=1&before=" + newest, null).body());
        assertThat(firstPage).as("a page of one: the newest").hasSize(1);
        assertThat(firstPage.get(0).get("version").asLong()).isEqualTo(newest);
        assertThat(nextPage).hasSize(1);
        assertThat(nextPage.get(0).get("version").asLong()).as("the page before the newest").isEqualTo(newest - 1);
        String diff = admin("GET", "/api/v1/admin/pmta-hosts/versions/diff?from=" + (newest - 1) + "&to=" + newest, null).body();
        String preview = admin("GET", "/api/v1/admin/pmta-hosts/versions/preview", null).body();

        assertThat(diff).contains("-        max-msg-rate 100/h", "+        max-msg-rate 200/h");
        assertThat(preview).isEqualTo(pmta.installed());
        assertThat(admin("GET", "/api/v1/admin/pmta-hosts/versions/versions/999", null).statusCode()).isEqualTo(404);

        HttpResponse<String> rollback = admin("POST", "/api/v1/admin/pmta-hosts/versions/versions/" + (newest - 1) + "/rollback", null);
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        assertThat(pmta.installed()).contains("max-msg-rate 100/h");
        // Held: the reconciler (every 100 ms here) must not converge the host back while the operator holds it.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> pmta.installed().contains("max-msg-rate 100/h"));

        assertThat(admin("POST", "/api/v1/admin/pmta-hosts/versions/release", null).statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> pmta.installed().contains("max-msg-rate 200/h"));
        String metrics = call("GET", "/actuator/prometheus", null, ADMIN_KEY).body();
        assertThat(metrics).contains("email_engine_pmta_last_successful_deployment_seconds{host=\"versions\"",
                "email_engine_pmta_pending_changes{host=\"versions\"", "email_engine_pmta_deployments_total{",
                "email_engine_pmta_deployment_duration_seconds_count{");
    }

    @Test
    void importsTheExistingConfigSentAsTextOrReadOverSftp() throws Exception {
        String sample = resource("pmta/existing-config.conf");
        FakePmtaHost pmta = fakeHost();
        Files.writeString(pmta.local("/etc/pmta/config"), sample);
        register("importer", pmta, pmta.hostKeyFingerprint());

        JsonNode sent = mapper.readTree(call("POST", "/api/v1/admin/pmta-hosts/importer/import", sample, ADMIN_KEY,
                "text/plain").body());
        JsonNode read = mapper.readTree(admin("POST", "/api/v1/admin/pmta-hosts/importer/import-from-host", null).body());

        assertThat(sent.get("vmtas")).hasSize(5);
        assertThat(read.get("vmtas")).isEqualTo(sent.get("vmtas"));
        JsonNode first = sent.get("vmtas").get(0);
        assertThat(first.get("ip").asText()).isEqualTo("203.0.113.10");
        assertThat(first.get("heloHostname").asText()).isEqualTo("mta10.mail1.example.com");
        assertThat(first.get("sendingDomain").asText()).isEqualTo("mail1.example.com");
        assertThat(first.get("dkimSelector").asText()).isEqualTo("s2026");
        assertThat(first.get("dkimKeyPath").asText()).isEqualTo("/etc/pmta/dkim/s2026.mail1.example.com.pem");
        assertThat(first.get("vmta").asText()).isEqualTo("v203-0-113-10");
        assertThat(first.get("pool").asText()).isEqualTo("pool-tenant-a");
        assertThat(sent.get("problems").toString()).contains("<source>");
    }

    @Test
    void generatesADkimKeyPublishesItsTxtRecordAndUploadsThePrivateKeyWithMode0600() throws Exception {
        FakePmtaHost pmta = fakeHost();
        register("dkimhost", pmta, pmta.hostKeyFingerprint());

        HttpResponse<String> created = admin("POST", "/api/v1/admin/dkim-keys",
                "{\"domain\":\"Mail1.Example.com\",\"selector\":\"s2027\",\"tenant\":\"tenant-a\"}");
        HttpResponse<String> again = admin("POST", "/api/v1/admin/dkim-keys",
                "{\"domain\":\"mail1.example.com\",\"selector\":\"s2027\"}");
        HttpResponse<String> uploaded = admin("POST",
                "/api/v1/admin/dkim-keys/mail1.example.com/s2027/upload?host=dkimhost", null);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = mapper.readTree(created.body());
        assertThat(key.get("dnsName").asText()).isEqualTo("s2027._domainkey.mail1.example.com");
        assertThat(key.get("txtValue").asText()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        assertThat(key.get("txtStrings")).allSatisfy(part -> assertThat(part.asText().length()).isLessThanOrEqualTo(255));
        assertThat(created.body()).doesNotContain("PRIVATE");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        Path file = pmta.local("/etc/pmta/dkim/s2027.mail1.example.com.pem");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new String(jdbc.queryForObject("SELECT private_key_enc FROM dkim_key WHERE selector = 's2027'",
                byte[].class), StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");

        // Rotation: a new selector is added; the old one stays published until the operator retires it.
        assertThat(admin("POST", "/api/v1/admin/dkim-keys", "{\"domain\":\"mail1.example.com\",\"selector\":\"s2028\"}")
                .statusCode()).isEqualTo(201);
        JsonNode both = mapper.readTree(admin("GET", "/api/v1/admin/dkim-keys/mail1.example.com", null).body());
        assertThat(both).extracting(k -> k.get("selector").asText()).containsExactly("s2027", "s2028");
        assertThat(both.get(0).get("retiredAt").isNull()).isTrue();
        JsonNode retired = mapper.readTree(admin("POST", "/api/v1/admin/dkim-keys/mail1.example.com/s2027/retire", null).body());
        assertThat(retired.get("retiredAt").isNull()).isFalse();
    }

    @Test
    void generatingAndRetiringADkimKeyPublishesTheKeyOnKafkaWithTheTxtRecordsPValue() throws Exception {
        HttpResponse<String> created = admin("POST", "/api/v1/admin/dkim-keys",
                "{\"domain\":\"news.example.org\",\"selector\":\"k1\",\"tenant\":\"tenant-a\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pValue = mapper.readTree(created.body()).get("txtValue").asText().replaceFirst("^.*; p=", "");

        EventEnvelope<?> active = json.read(KafkaProbe.text(kafka.awaitRecord(EventType.DKIM_KEY_PUBLISHED.topic(),
                r -> "k1._domainkey.news.example.org".equals(r.key()) && KafkaProbe.text(r).contains("\"active\""), WAIT)));
        DkimKeyPublished published = (DkimKeyPublished) active.payload();
        assertThat(published.publicKey()).isEqualTo(pValue);
        assertThat(published.status()).isEqualTo(DkimKeyStatus.ACTIVE);
        assertThat(active.tenantId()).isEqualTo(new TenantId("tenant-a"));
        assertThat(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
                published.publicKey())))).isInstanceOfSatisfying(RSAPublicKey.class,
                key -> assertThat(key.getModulus().bitLength()).isEqualTo(2048));

        assertThat(admin("POST", "/api/v1/admin/dkim-keys/news.example.org/k1/retire", null).statusCode()).isEqualTo(200);
        EventEnvelope<?> retired = json.read(KafkaProbe.text(kafka.awaitRecord(EventType.DKIM_KEY_PUBLISHED.topic(),
                r -> "k1._domainkey.news.example.org".equals(r.key()) && KafkaProbe.text(r).contains("\"retired\""), WAIT)));
        assertThat(((DkimKeyPublished) retired.payload()).publicKey()).isEqualTo(pValue);

        HttpResponse<String> badTenant = admin("POST", "/api/v1/admin/dkim-keys",
                "{\"domain\":\"news.example.org\",\"selector\":\"k9\",\"tenant\":\"Tenant A\"}");
        assertThat(badTenant.statusCode()).as(badTenant.body()).isEqualTo(400);
        assertThat(badTenant.body()).contains("TenantId");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dkim_key WHERE selector = 'k9'", Long.class)).isZero();

        // A refused duplicate rolls back: no second "active" event for the same key.
        assertThat(admin("POST", "/api/v1/admin/dkim-keys", "{\"domain\":\"news.example.org\",\"selector\":\"k1\"}")
                .statusCode()).isEqualTo(409);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM outbox_event WHERE event_type = 'DkimKeyPublished'
                AND message_key = 'k1._domainkey.news.example.org'""", Long.class)).isEqualTo(2);

        // Announcing again restates every stored key as it is now: k1 is retired.
        HttpResponse<String> announced = admin("POST", "/api/v1/admin/dkim-keys/announce", null);
        assertThat(announced.statusCode()).as(announced.body()).isEqualTo(200);
        assertThat(mapper.readTree(announced.body()).get("announced").asInt())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM dkim_key", Integer.class));
        assertThat(jdbc.queryForObject("""
                SELECT payload FROM outbox_event WHERE message_key = 'k1._domainkey.news.example.org' ORDER BY id DESC LIMIT 1""",
                String.class)).contains("\"status\":\"retired\"");
        assertThat(call("POST", "/api/v1/admin/dkim-keys/announce", null, TENANT_KEY).statusCode()).isEqualTo(403);
    }

    // ---- helpers

    private FakePmtaHost fakeHost() {
        FakePmtaHost host = new FakePmtaHost(INCLUDE);
        HOSTS.add(host);
        return host;
    }

    private Map<String, Object> hostBody(FakePmtaHost pmta, String fingerprint) throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("address", "127.0.0.1");
        body.put("port", pmta.port());
        body.put("user", "pmta");
        body.put("privateKeyRef", "file:" + pmta.writeClientKey(KEYS));
        body.put("hostKeySha256", fingerprint);
        body.put("includePath", INCLUDE);
        body.put("dkimKeyDir", "/etc/pmta/dkim");
        return body;
    }

    private void register(String hostId, FakePmtaHost pmta, String fingerprint) throws Exception {
        HttpResponse<String> response = admin("PUT", "/api/v1/admin/pmta-hosts/" + hostId,
                mapper.writeValueAsString(hostBody(pmta, fingerprint)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void request(String host, String ip, long gmailPerHour, String tenant) {
        EventEnvelope<PmtaConfigRequested> event = envelope(host, ip,
                Map.of(Provider.GMAIL, new ProviderLimits(MessageRate.perHour(gmailPerHour), 4, 20)), tenant);
        kafka.send(EventType.PMTA_CONFIG_REQUESTED.topic(), event.key(), json.write(event));
    }

    private static EventEnvelope<PmtaConfigRequested> envelope(String host, String ip, Map<Provider, ProviderLimits> limits,
                                                               String tenant) {
        SendingIp sendingIp = SendingIp.of(ip);
        VirtualMtaSpec spec = new VirtualMtaSpec(VirtualMtaName.forIp(sendingIp), sendingIp, "mta.example.com",
                "example.com", "s2026", null);
        return EventEnvelope.of(new PmtaConfigRequested(new HostId(host), spec, limits, Set.of()), new TenantId(tenant),
                "warmup-service", Clock.systemUTC());
    }

    private void awaitDeployment(String host, String outcome, long atLeast) {
        await().atMost(WAIT).until(() -> deployments(host, outcome) >= atLeast);
    }

    private long deployments(String host, String outcome) {
        return jdbc.queryForObject("SELECT count(*) FROM deployment WHERE host_id = ? AND outcome = ?", Long.class,
                host, outcome);
    }

    private long alerts(String host, String alertName, String status) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM outbox_event WHERE event_type = 'AlertRaised'
                AND payload LIKE ? AND payload LIKE ? AND payload LIKE ?""", Long.class,
                "%\"host\":\"" + host + "\"%", "%\"alertname\":\"" + alertName + "\"%", "%\"status\":\"" + status + "\"%");
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return call(method, path, body, ADMIN_KEY);
    }

    private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
        return call(method, path, body, key, "application/json");
    }

    private HttpResponse<String> call(String method, String path, String body, String key, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PmtaDeploymentScenariosTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

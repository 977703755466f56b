package io.emailengine.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.Severity;
import io.emailengine.sandbox.Sandbox;
import io.emailengine.sandbox.SandboxOptions;
import io.emailengine.sandbox.ServiceProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system as {@code ./run-local.sh} starts it: embedded Kafka and PostgreSQL, the simulators, the
 * five service jars built earlier in this reactor and the seed. Every service must become ready, accept
 * the generated keys, and together they must export every metric that monitoring/ queries.
 */
class RunningSystemTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Sandbox sandbox;
    private static int kafkaPort;
    private static boolean ready;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        kafkaPort = freePort();
        // the seeded sandbox, with its simulators, on free ports (the services' own ports are fixed)
        SandboxOptions options = new SandboxOptions(kafkaPort, freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), 20, true, true, Duration.ofSeconds(150), ServiceProcess.ALL_SERVICES, true, false);
        sandbox = new Sandbox(options, Tools.projectRoot());
        ready = sandbox.start();
    }

    @AfterAll
    static void stopIt() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void allFiveServicesBecomeReadyAndAcceptTheGeneratedKeys() throws Exception {
        assertThat(ready).as("all services ready within the timeout").isTrue();
        for (String service : ServiceProcess.ALL_SERVICES) {
            int port = ServiceProcess.spec(service).port();
            assertThat(get(port, "/actuator/health/readiness", null).statusCode()).as(service + " readiness").isEqualTo(200);
            assertThat(get(port, "/api/v1/no-such-resource", null).statusCode()).as(service + " without key").isEqualTo(401);
            assertThat(get(port, "/api/v1/no-such-resource", sandbox.keys().admin().key()).statusCode())
                    .as(service + " with the admin key").isEqualTo(404);
        }
    }

    @Test
    void everyMetricADashboardOrAlertRuleUsesIsExported() throws Exception {
        assertThat(ready).isTrue();
        exercisePipeline();
        pushAccounting();
        Set<String> used = new TreeSet<>(UsedMetrics.in(Tools.projectRoot().resolve("monitoring")));
        assertThat(used).isNotEmpty();

        Set<String> missing = new TreeSet<>(used);
        // warmup-service refreshes its per-IP gauges every 60 s
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String exported = scrapeAll();
            missing.removeIf(name -> exported.contains("\n" + name + "{") || exported.contains("\n" + name + " "));
            assertThat(missing).as("metrics used in monitoring/ but exported by no service").isEmpty();
        });
    }

    @Test
    void anAlertRaisedOnKafkaReachesTheTelegramSimulatorThroughAlertingService() throws Exception {
        assertThat(ready).isTrue();
        exercisePipeline();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(sandbox.telegram().messages()).anySatisfy(m ->
                        assertThat(m.path("text").asText()).contains("Running-system check")));
    }

    /** One valid alert and one unreadable record: consumption, outbox and dead-letter metrics get their first samples. */
    private static void exercisePipeline() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        EventEnvelope<AlertRaised> alert = EventEnvelope.of(new AlertRaised("running-system-check", Severity.INFO,
                "deploy-checks", "Running-system check", null, Map.of("alertname", "RunningSystemCheck"), AlertStatus.FIRING),
                null, "deploy-checks", Clock.systemUTC());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            String topic = EventType.ALERT_RAISED.topic();
            producer.send(new ProducerRecord<>(topic, alert.key(), new EventJson().writeBytes(alert))).get();
            producer.send(new ProducerRecord<>(topic, "poison", "not an event".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** A delivery and a hard bounce through bounce-ingest's push API, with the sandbox's ingest token. */
    private static void pushAccounting() throws Exception {
        String csv = """
                type,timeLogged,orig,rcpt,dsnAction,dsnStatus,dsnDiag,bounceCat,dlvSourceIp,vmta,queue,header_Message-Id
                d,2026-11-20 08:00:03+0000,news@example.com,alice@gmail.com,relayed,2.0.0 (success),smtp;250 2.0.0 OK,,203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10,<m1@example.com>
                b,2026-11-20 08:00:04+0000,news@example.com,nobody@gmail.com,failed,5.1.1 (bad destination mailbox address),smtp;550 5.1.1 no such user,bad-mailbox,203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10,<m2@example.com>
                """;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + ServiceProcess.spec("bounce-ingest-service").port() + "/api/v1/accounting"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/csv")
                .header("X-Ingest-Token", sandbox.keys().ingestToken())
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rejected\":0");
    }

    private static String scrapeAll() throws Exception {
        StringBuilder all = new StringBuilder("\n");
        for (String service : ServiceProcess.ALL_SERVICES) {
            all.append(get(ServiceProcess.spec(service).port(), "/actuator/prometheus", null).body()).append('\n');
        }
        return all.toString();
    }

    private static HttpResponse<String> get(int port, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

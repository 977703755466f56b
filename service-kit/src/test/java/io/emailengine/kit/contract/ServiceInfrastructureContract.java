package io.emailengine.kit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.InvalidEventException;
import io.emailengine.testsupport.KafkaProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every service must prove against a real broker and database, whatever its business: it is
 * healthy and observable, and a poison message on a topic it consumes lands on that topic's DLT
 * with the exception in its headers, is recorded, and raises an alert through the outbox.
 * A service test extends this, runs as a {@code @SpringBootTest} on a random port with
 * {@code @RealInfrastructure}, and adds its own idempotent-consumption test.
 */
public abstract class ServiceInfrastructureContract {

    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static KafkaProbe kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort protected int port;
    @Autowired protected JdbcTemplate jdbc;
    @Autowired protected EventJson json;
    @Value("${spring.application.name}") protected String serviceName;

    /** A topic this service consumes, where the poison message goes. */
    protected abstract EventType consumedEvent();

    @BeforeAll
    static void connectProbe() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void closeProbe() {
        kafka.close();
    }

    @Test
    void livenessAndReadinessAreUpAndReadinessCoversDatabaseAndKafka() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(get("/actuator/health/readiness").body()).contains("\"db\"").contains("\"kafka\"");
    }

    @Test
    void prometheusEndpointExportsTheKitMetricsTaggedWithTheService() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("email_engine_outbox_lag_seconds{service=\"" + serviceName + "\"")
                .contains("email_engine_outbox_pending_events");
    }

    @Test
    void apiIsClosedWithoutAKeyWhileTheOpenApiDocumentExists() throws Exception {
        assertThat(get("/api/v1/anything").statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs").statusCode()).isEqualTo(401);
    }

    @Test
    void poisonMessageLandsOnTheDltWithItsExceptionIsRecordedAndRaisesAnAlertThroughTheOutbox() {
        String topic = consumedEvent().topic();
        String poison = "{\"type\": \"" + consumedEvent().logicalName() + "\", \"payload\": <not json> " + UUID.randomUUID();
        kafka.send(topic, "poison", poison);

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(consumedEvent().deadLetterTopic(),
                r -> poison.equals(KafkaProbe.text(r)), WAIT);
        assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(InvalidEventException.class.getName());
        assertThat(KafkaProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(topic);
        long offset = ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
        int partition = ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-partition").value()).getInt();

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter WHERE source_topic = ? AND source_offset = ?", Long.class, topic, offset) == 1);
        // This service's own alert about this record (other cached contexts of the module may dead-letter
        // the same record), relayed from its outbox to the alert topic: a service may delete a relayed
        // event from its outbox (a retention of zero), so the alert is looked for where it ends up.
        String record = "Record " + topic + "-" + partition + "@" + offset + " ";
        kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> KafkaProbe.text(r).contains(record) && isDeadLetterAlertOf(r, consumedEvent().deadLetterTopic()), WAIT);
    }

    private boolean isDeadLetterAlertOf(ConsumerRecord<String, byte[]> record, String deadLetterTopic) {
        try {
            AlertRaised raised = json.read(KafkaProbe.text(record), AlertRaised.class).payload();
            return serviceName.equals(raised.source()) && deadLetterTopic.equals(raised.labels().get("topic"));
        } catch (InvalidEventException otherTestsPoison) {
            return false;
        }
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

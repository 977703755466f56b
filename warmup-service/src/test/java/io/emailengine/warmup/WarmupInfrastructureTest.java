package io.emailengine.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventType;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.kit.consumer.RejectedEventException;
import io.emailengine.kit.contract.ServiceInfrastructureContract;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarmupInfrastructureTest extends ServiceInfrastructureContract {

    private static final Instant WINDOW = Instant.parse("2026-11-20T08:00:00Z");

    @Override
    protected EventType consumedEvent() {
        return EventType.DELIVERY_REPORT;
    }

    @Test
    void deliveryReportIsAddedToTheStatisticsOnceEvenWhenDeliveredTwice() {
        EventEnvelope<DeliveryReport> report = report("203.0.113.10", 900, 12);
        EventEnvelope<DeliveryReport> later = report("203.0.113.11", 50, 1);
        send(report);
        send(report);
        sendOnPartitionOf(report, later);

        await().atMost(WAIT).until(() -> delivered("203.0.113.11") != null);
        assertThat(delivered("203.0.113.10")).isEqualTo(900);
        assertThat(jdbc.queryForObject("SELECT hard_bounces FROM delivery_hour WHERE ip = '203.0.113.10'", Long.class))
                .isEqualTo(12);
    }

    @Test
    void deliveryReportWithoutTenantIsRejectedToTheDlt() {
        EventEnvelope<DeliveryReport> orphan = EventEnvelope.of(report("203.0.113.12", 1, 0).payload(), null,
                "bounce-ingest-service", Clock.systemUTC());
        send(orphan);

        var dead = kafka.awaitRecord(EventType.DELIVERY_REPORT.deadLetterTopic(),
                r -> KafkaProbe.text(r).contains(orphan.eventId().toString()), WAIT);
        assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(RejectedEventException.class.getName());
        assertThat(delivered("203.0.113.12")).isNull();
    }

    private void send(EventEnvelope<DeliveryReport> event) {
        kafka.send(EventType.DELIVERY_REPORT.topic(), event.key(), json.write(event));
    }

    /** Same key, same partition: once {@code event} is processed, everything sent before it was too. */
    private void sendOnPartitionOf(EventEnvelope<DeliveryReport> earlier, EventEnvelope<DeliveryReport> event) {
        kafka.send(EventType.DELIVERY_REPORT.topic(), earlier.key(), json.write(event));
    }

    private Long delivered(String ip) {
        return jdbc.query("SELECT delivered FROM delivery_hour WHERE ip = ?", rs -> rs.next() ? rs.getLong(1) : null, ip);
    }

    private static EventEnvelope<DeliveryReport> report(String ip, long delivered, long hard) {
        SendingIp sendingIp = SendingIp.of(ip);
        DeliveryReport report = new DeliveryReport(sendingIp, VirtualMtaName.forIp(sendingIp), Provider.GMAIL,
                WINDOW, WINDOW.plusSeconds(300), delivered, hard, 3, 7, 0, Map.of());
        return EventEnvelope.of(report, new TenantId("tenant-a"), "bounce-ingest-service", Clock.systemUTC());
    }
}

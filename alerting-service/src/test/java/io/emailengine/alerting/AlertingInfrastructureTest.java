package io.emailengine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventType;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.contract.ServiceInfrastructureContract;
import io.emailengine.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertingInfrastructureTest extends ServiceInfrastructureContract {

    @Override
    protected EventType consumedEvent() {
        return EventType.ALERT_RAISED;
    }

    @Test
    void alertIsDeduplicatedByFingerprintAndARedeliveredEventIsNotCountedTwice() {
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        EventEnvelope<AlertRaised> first = alert("fp-gmail-block", AlertStatus.FIRING, t0);
        EventEnvelope<AlertRaised> again = alert("fp-gmail-block", AlertStatus.FIRING, t0.plusSeconds(60));
        EventEnvelope<AlertRaised> resolved = alert("fp-gmail-block", AlertStatus.RESOLVED, t0.plusSeconds(120));
        EventEnvelope<AlertRaised> marker = alert("fp-marker", AlertStatus.FIRING, t0);
        for (EventEnvelope<AlertRaised> event : List.of(first, first, again, resolved, marker)) {
            // one key for all, so the marker is consumed after everything sent before it
            kafka.send(EventType.ALERT_RAISED.topic(), first.key(), json.write(event));
        }

        await().atMost(WAIT).until(() -> occurrencesOf("fp-marker") != null);
        assertThat(occurrencesOf("fp-gmail-block")).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_history WHERE fingerprint = 'fp-gmail-block'", Long.class))
                .as("every occurrence is in the history once, the redelivered one is not").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE fingerprint = 'fp-gmail-block'", String.class))
                .isEqualTo("resolved");
        assertThat(jdbc.queryForObject("SELECT tenant_id FROM alert WHERE fingerprint = 'fp-gmail-block'", String.class))
                .isEqualTo("tenant-a");
    }

    private Long occurrencesOf(String fingerprint) {
        return jdbc.query("SELECT occurrences FROM alert WHERE fingerprint = ?", rs -> rs.next() ? rs.getLong(1) : null, fingerprint);
    }

    private static EventEnvelope<AlertRaised> alert(String fingerprint, AlertStatus status, Instant at) {
        AlertRaised alert = new AlertRaised(fingerprint, Severity.CRITICAL, "warmup-service",
                "Gmail 421-4.7.28 on 203.0.113.10", "deferrals <rate limited> & paused",
                Map.of("alertname", "ProviderBlock", "ip", "203.0.113.10", "provider", "gmail"), status);
        return EventEnvelope.of(alert, new TenantId("tenant-a"), "warmup-service", Clock.fixed(at, ZoneOffset.UTC));
    }
}

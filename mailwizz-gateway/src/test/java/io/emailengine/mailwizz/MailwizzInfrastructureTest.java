package io.emailengine.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventType;
import io.emailengine.events.ProviderQuota;
import io.emailengine.events.QuotaChanged;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.kit.contract.ServiceInfrastructureContract;
import io.emailengine.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailwizzInfrastructureTest extends ServiceInfrastructureContract {

    @Override
    protected EventType consumedEvent() {
        return EventType.QUOTA_CHANGED;
    }

    @Test
    void quotaChangeIsStoredAsDesiredQuotaOnceEvenWhenDeliveredTwice() {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        EventEnvelope<QuotaChanged> change = change("203.0.113.10", 4800, at);
        EventEnvelope<QuotaChanged> marker = change("203.0.113.11", 100, at);
        send(change);
        send(change);
        // same key as the change, so the marker is consumed after both copies of it
        kafka.send(EventType.QUOTA_CHANGED.topic(), change.key(), json.write(marker));

        await().atMost(WAIT).until(() -> dailyQuotaOf("203.0.113.11") != null);
        assertThat(dailyQuotaOf("203.0.113.10")).isEqualTo(4800);
        assertThat(jdbc.queryForObject("SELECT hourly_quota FROM desired_quota WHERE ip = '203.0.113.10'", Long.class))
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, change.eventId()))
                .isEqualTo(1);
    }

    private void send(EventEnvelope<QuotaChanged> event) {
        kafka.send(EventType.QUOTA_CHANGED.topic(), event.key(), json.write(event));
    }

    private Long dailyQuotaOf(String ip) {
        return jdbc.query("SELECT daily_quota FROM desired_quota WHERE ip = ?", rs -> rs.next() ? rs.getLong(1) : null, ip);
    }

    private static EventEnvelope<QuotaChanged> change(String ip, long daily, Instant at) {
        SendingIp sendingIp = SendingIp.of(ip);
        QuotaChanged change = new QuotaChanged(sendingIp, VirtualMtaName.forIp(sendingIp),
                Map.of(Provider.GMAIL, new ProviderQuota(daily, daily / 24)), daily, daily / 24, 3, 3,
                "stage 3 reached", UUID.randomUUID());
        return EventEnvelope.of(change, new TenantId("tenant-a"), "warmup-service", Clock.fixed(at, ZoneOffset.UTC));
    }
}

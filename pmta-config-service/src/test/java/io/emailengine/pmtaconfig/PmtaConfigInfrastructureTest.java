package io.emailengine.pmtaconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.emailengine.kit.contract.ServiceInfrastructureContract;
import io.emailengine.testsupport.RealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
// A reconcile tick waiting for a connection after test-support stopped PostgreSQL must not hold shutdown for 30 s.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.connection-timeout=3000")
class PmtaConfigInfrastructureTest extends ServiceInfrastructureContract {

    @Override
    protected EventType consumedEvent() {
        return EventType.PMTA_CONFIG_REQUESTED;
    }

    @Test
    void desiredSpecIsStoredOnceAndAnOlderRequestNeverReplacesANewerOne() {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        EventEnvelope<PmtaConfigRequested> newer = request("203.0.113.10", 1200, now);
        EventEnvelope<PmtaConfigRequested> older = request("203.0.113.10", 50, now.minus(Duration.ofHours(1)));
        EventEnvelope<PmtaConfigRequested> marker = request("203.0.113.11", 10, now);
        send(newer);
        send(newer);
        send(older);
        send(marker);

        await().atMost(WAIT).until(() -> eventIdOf("v203-0-113-11") != null);
        assertThat(eventIdOf("v203-0-113-10")).isEqualTo(newer.eventId().toString());
        assertThat(jdbc.queryForObject("SELECT spec FROM desired_vmta WHERE vmta = 'v203-0-113-10'", String.class))
                .contains("1200/h");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, newer.eventId()))
                .isEqualTo(1);
    }

    private void send(EventEnvelope<PmtaConfigRequested> event) {
        kafka.send(EventType.PMTA_CONFIG_REQUESTED.topic(), event.key(), json.write(event));
    }

    private String eventIdOf(String vmta) {
        return jdbc.query("SELECT event_id::text FROM desired_vmta WHERE vmta = ?", rs -> rs.next() ? rs.getString(1) : null, vmta);
    }

    private static EventEnvelope<PmtaConfigRequested> request(String ip, long gmailPerHour, Instant at) {
        SendingIp sendingIp = SendingIp.of(ip);
        VirtualMtaSpec spec = new VirtualMtaSpec(VirtualMtaName.forIp(sendingIp), sendingIp, "mta10.example.com",
                "example.com", "s2026", "tenant-a");
        PmtaConfigRequested request = new PmtaConfigRequested(new HostId("pmta-1"), spec,
                Map.of(Provider.GMAIL, new ProviderLimits(MessageRate.perHour(gmailPerHour), 4, 20)), Set.of());
        return EventEnvelope.of(request, new TenantId("tenant-a"), "warmup-service", Clock.fixed(at, ZoneOffset.UTC));
    }
}

package io.emailengine.bounceingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventType;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.VirtualMtaSpec;
import io.emailengine.events.types.HostId;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.kit.contract.ServiceInfrastructureContract;
import io.emailengine.testsupport.RealInfrastructure;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BounceIngestInfrastructureTest extends ServiceInfrastructureContract {

    @Override
    protected EventType consumedEvent() {
        return EventType.PMTA_CONFIG_REQUESTED;
    }

    @Test
    void inventoryEventTeachesWhichTenantOwnsAnIpAndIsAppliedOnce() {
        EventEnvelope<PmtaConfigRequested> inventory = inventory("203.0.113.20", "tenant-b");
        EventEnvelope<PmtaConfigRequested> marker = inventory("203.0.113.21", "tenant-b");
        send(inventory);
        send(inventory);
        send(marker);

        await().atMost(WAIT).until(() -> tenantOf("203.0.113.21") != null);
        assertThat(tenantOf("203.0.113.20")).isEqualTo("tenant-b");
        assertThat(jdbc.queryForObject("SELECT vmta FROM ip_attribution WHERE ip = '203.0.113.20'", String.class))
                .isEqualTo("v203-0-113-20");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, inventory.eventId()))
                .isEqualTo(1);
    }

    private void send(EventEnvelope<PmtaConfigRequested> event) {
        kafka.send(EventType.PMTA_CONFIG_REQUESTED.topic(), event.key(), json.write(event));
    }

    private String tenantOf(String ip) {
        return jdbc.query("SELECT tenant_id FROM ip_attribution WHERE ip = ?", rs -> rs.next() ? rs.getString(1) : null, ip);
    }

    private static EventEnvelope<PmtaConfigRequested> inventory(String ip, String tenant) {
        SendingIp sendingIp = SendingIp.of(ip);
        VirtualMtaSpec spec = new VirtualMtaSpec(VirtualMtaName.forIp(sendingIp), sendingIp, "mta20.example.net",
                "example.net", "s2026", tenant);
        return EventEnvelope.of(new PmtaConfigRequested(new HostId("pmta-1"), spec, Map.of(), Set.of()),
                new TenantId(tenant), "warmup-service", Clock.systemUTC());
    }
}

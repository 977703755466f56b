package io.emailengine.pmtaconfig.application;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.Severity;
import io.emailengine.kit.outbox.OutboxPublisher;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: probe every host on a schedule; raise "unreachable" when a host stops answering and
 * resolve it when it answers again (one event per transition, not per probe).
 */
@Service
public class HostHealth {

    private final HostStore hosts;
    private final HostHealthStore store;
    private final PmtaHostClient client;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MultiGauge up;

    public HostHealth(HostStore hosts, HostHealthStore store, PmtaHostClient client, OutboxPublisher outbox,
                      TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.hosts = hosts;
        this.store = store;
        this.client = client;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.up = MultiGauge.builder("email_engine_pmta_host_up")
                .description("1 if the last probe of a PowerMTA host over SSH succeeded, else 0").register(meters);
    }

    public void probeAll() {
        for (PmtaHost host : hosts.all()) {
            Optional<String> problem = client.probe(host);
            Instant now = clock.instant();
            tx.executeWithoutResult(status -> {
                Optional<Boolean> before = store.record(host.hostId(), problem.isEmpty(), problem.orElse(null), now);
                boolean wasUp = before.orElse(true);
                if (wasUp && problem.isPresent()) {
                    publish(host.hostId(), AlertStatus.FIRING, "PowerMTA host " + host.hostId() + " cannot be reached over SSH",
                            problem.get());
                } else if (!wasUp && problem.isEmpty()) {
                    publish(host.hostId(), AlertStatus.RESOLVED, "PowerMTA host " + host.hostId() + " is reachable again", null);
                }
            });
        }
        Map<String, Boolean> all = store.all();
        up.register(all.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("host", e.getKey()), e.getValue() ? 1 : 0))
                .toList(), true);
    }

    private void publish(String hostId, AlertStatus status, String summary, String details) {
        Map<String, String> labels = Map.of("alertname", "PmtaHostUnreachable", "host", hostId);
        outbox.publish(EventEnvelope.of(new AlertRaised(AlertRaised.fingerprintOf(DeploymentAlerts.SOURCE,
                "PmtaHostUnreachable", labels), Severity.CRITICAL, DeploymentAlerts.SOURCE, summary, details, labels, status),
                null, DeploymentAlerts.SOURCE, clock));
    }
}

package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.application.HostHealth;
import io.emailengine.pmtaconfig.application.QueueMonitor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Probes every PowerMTA host over SSH on a schedule (host health alerts and the host_up gauge), and on its own
 * schedule reads the queues and status of the reachable ones (queue gauges). Both are fixed-delay, so a slow
 * host never stacks runs; the scheduler has a thread per job (spring.task.scheduling.pool.size) so neither
 * delays the reconciler.
 */
@Component
@ConditionalOnProperty(name = "email-engine.pmta-config.health.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class HostHealthProbe {

    private final HostHealth health;
    private final QueueMonitor queues;

    HostHealthProbe(HostHealth health, QueueMonitor queues) {
        this.health = health;
        this.queues = queues;
    }

    @Scheduled(fixedDelayString = "${email-engine.pmta-config.health.probe-every:60s}",
            initialDelayString = "${email-engine.pmta-config.health.probe-every:60s}")
    void probe() {
        health.probeAll();
    }

    @Scheduled(fixedDelayString = "${email-engine.pmta-config.health.queues-every:60s}",
            initialDelayString = "${email-engine.pmta-config.health.queues-every:60s}")
    void readQueues() {
        queues.readAll();
    }
}

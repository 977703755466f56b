package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.application.HostHealth;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Probes every PowerMTA host over SSH on a schedule (host health alerts and the host_up gauge). */
@Component
@ConditionalOnProperty(name = "email-engine.pmta-config.health.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class HostHealthProbe {

    private final HostHealth health;

    HostHealthProbe(HostHealth health) {
        this.health = health;
    }

    @Scheduled(fixedDelayString = "${email-engine.pmta-config.health.probe-every:60s}",
            initialDelayString = "${email-engine.pmta-config.health.probe-every:60s}")
    void probe() {
        health.probeAll();
    }
}

package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.pmtaconfig.application.ConvergenceMetrics;
import io.emailengine.pmtaconfig.application.Deployments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drives level-triggered convergence: every tick, each host that is due (changes older than the
 * debounce window, a retry whose time came, or a periodic full check) gets one attempt. Safe on
 * every replica: the per-host advisory lock lets only one of them deploy a host at a time.
 */
@Component
@ConditionalOnProperty(name = "email-engine.pmta-config.deploy.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class Reconciler {

    private final Deployments deployments;
    private final ConvergenceMetrics metrics;

    Reconciler(Deployments deployments, ConvergenceMetrics metrics) {
        this.deployments = deployments;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${email-engine.pmta-config.deploy.reconcile-every:500ms}")
    void reconcile() {
        deployments.reconcileDue();
        metrics.refresh();
    }
}

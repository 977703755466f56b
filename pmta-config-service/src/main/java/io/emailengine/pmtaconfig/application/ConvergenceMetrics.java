package io.emailengine.pmtaconfig.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.springframework.stereotype.Component;

/** Per-host gauges, refreshed from the convergence table by the reconciler (so every replica reports the same). */
@Component
public class ConvergenceMetrics {

    private final ConvergenceStore convergence;
    private final MultiGauge pending;
    private final MultiGauge lastSuccess;

    public ConvergenceMetrics(ConvergenceStore convergence, MeterRegistry meters) {
        this.convergence = convergence;
        this.pending = MultiGauge.builder("email_engine_pmta_pending_changes")
                .description("Desired-state changes of a PowerMTA host not yet successfully deployed").register(meters);
        this.lastSuccess = MultiGauge.builder("email_engine_pmta_last_successful_deployment_seconds")
                .description("Unix time of the last successful deployment to a PowerMTA host").register(meters);
    }

    public void refresh() {
        List<ConvergenceStore.Status> all = convergence.all();
        pending.register(all.stream()
                .map(s -> MultiGauge.Row.of(Tags.of("host", s.hostId()), s.pendingChanges()))
                .toList(), true);
        lastSuccess.register(all.stream().filter(s -> s.deployedAt() != null)
                .map(s -> MultiGauge.Row.of(Tags.of("host", s.hostId()), s.deployedAt().getEpochSecond()))
                .toList(), true);
    }
}

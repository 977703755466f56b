package io.emailengine.pmtaconfig.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.pmtaconfig.domain.VmtaState;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Use case: a virtual MTA's desired PowerMTA state changed. Validates it completely (the same
 * whitelist the renderer relies on, and every provider must be in the catalogue), keeps the newest
 * one and marks its host as changed so the debounced reconciler deploys it.
 */
@Service
public class DesiredState {

    private final DesiredStateStore store;
    private final ConvergenceStore convergence;
    private final ConfigRendering rendering;
    private final Clock clock;

    public DesiredState(DesiredStateStore store, ConvergenceStore convergence, ConfigRendering rendering, Clock clock) {
        this.store = store;
        this.convergence = convergence;
        this.rendering = rendering;
        this.clock = clock;
    }

    /** Must run in the consumer's transaction. @throws io.emailengine.pmtaconfig.domain.InvalidConfigValueException */
    public void request(EventEnvelope<PmtaConfigRequested> event) {
        VmtaState state = VmtaState.of(event.payload(), event.tenantId() == null ? null : event.tenantId().value());
        rendering.withDefaults().requireKnownProviders(state);
        if (store.upsertIfNewer(event)) {
            convergence.markChanged(event.payload().host().value(), clock.instant());
        }
    }
}

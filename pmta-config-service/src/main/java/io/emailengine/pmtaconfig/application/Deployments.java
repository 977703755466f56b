package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigDiff;
import io.emailengine.pmtaconfig.domain.ConfigRenderer;
import io.emailengine.pmtaconfig.domain.InvalidConfigValueException;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import io.emailengine.pmtaconfig.domain.VmtaState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: converge a host to its desired state. Level-triggered: it renders the whole desired
 * state, compares its hash with the last successfully deployed one and deploys only on a
 * difference, so a missed, repeated or reordered trigger never leaves a host behind.
 */
@Service
public class Deployments {

    private static final Logger log = LoggerFactory.getLogger(Deployments.class);

    private final HostStore hosts;
    private final DesiredStateStore desired;
    private final ConvergenceStore convergence;
    private final ConfigVersionStore versions;
    private final DeploymentStore deployments;
    private final HostLock lock;
    private final PmtaHostClient client;
    private final ConfigRendering rendering;
    private final DeploymentAlerts alerts;
    private final ConvergenceSettings settings;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Clock clock;

    public Deployments(HostStore hosts, DesiredStateStore desired, ConvergenceStore convergence, ConfigVersionStore versions,
                       DeploymentStore deployments, HostLock lock, PmtaHostClient client, ConfigRendering rendering,
                       DeploymentAlerts alerts, ConvergenceSettings settings, TransactionTemplate tx, MeterRegistry meters,
                       Clock clock) {
        this.hosts = hosts;
        this.desired = desired;
        this.convergence = convergence;
        this.versions = versions;
        this.deployments = deployments;
        this.lock = lock;
        this.client = client;
        this.rendering = rendering;
        this.alerts = alerts;
        this.settings = settings;
        this.tx = tx;
        this.meters = meters;
        this.clock = clock;
    }

    public enum Result { DEPLOYED, FAILED, UP_TO_DATE, BUSY, UNKNOWN_HOST }

    /** One reconcile pass: every host that is due gets one convergence attempt. */
    public void reconcileDue() {
        Instant now = clock.instant();
        for (String hostId : convergence.dueHosts(now, settings.debounce(), now.minus(settings.fullCheckEvery()))) {
            try {
                converge(hostId, "reconcile", false);
            } catch (RuntimeException e) {
                // One host's unexpected error must not stop the others from converging.
                log.error("Convergence of host {} failed unexpectedly", hostId, e);
            }
        }
    }

    /** The rendered file for the current desired state, without deploying or storing anything. */
    public RenderedConfig preview(String hostId) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new UnknownHostException(hostId));
        ConfigRenderer renderer = rendering.forHost(host);
        ConfigRenderer.Body body = renderer.body(hostId, ConfigRendering.states(desired.forHost(hostId)));
        ConvergenceStore.Status status = convergence.status(hostId);
        long version = status.deployedVersion() == null ? 0 : status.deployedVersion();
        return renderer.render(hostId, body.contentHash().equals(status.deployedHash()) ? version : version + 1, body);
    }

    public Result converge(String hostId, String trigger, boolean force) {
        Optional<PmtaHost> found = hosts.find(hostId);
        if (found.isEmpty()) {
            return Result.UNKNOWN_HOST;
        }
        Optional<HostLock.Held> held = lock.tryLock(hostId);
        if (held.isEmpty()) {
            return Result.BUSY;
        }
        try (HostLock.Held ignored = held.get()) {
            return convergeLocked(found.get(), trigger, force);
        }
    }

    /**
     * Operator rollback: deploys a stored version with the same safe sequence and holds the host there
     * (the reconciler would otherwise converge it straight back to the desired state) until {@link #release}.
     */
    public Result rollbackTo(String hostId, long version) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new UnknownHostException(hostId));
        RenderedConfig config = versions.find(hostId, version)
                .orElseThrow(() -> new OperatorQueries.NoSuchVersionException(hostId, version));
        Optional<HostLock.Held> held = lock.tryLock(hostId);
        if (held.isEmpty()) {
            return Result.BUSY;
        }
        try (HostLock.Held ignored = held.get()) {
            Instant started = clock.instant();
            ConvergenceStore.Status before = convergence.status(hostId);
            String previous = before.deployedVersion() == null ? null
                    : versions.find(hostId, before.deployedVersion()).map(RenderedConfig::text).orElse(null);
            String diff = ConfigDiff.unified("version " + before.deployedVersion(), previous, "version " + version, config.text());
            PmtaHostClient.DeployResult result = client.deploy(host, config, VirtualMtaNames.in(config.text()));
            meters.counter("email_engine_pmta_deployments", "host", hostId, "outcome", result.outcome().name().toLowerCase())
                    .increment();
            Instant finished = clock.instant();
            tx.executeWithoutResult(status -> {
                deployments.record(new DeploymentStore.DeploymentRecord(hostId, version, config.contentHash(), "rollback",
                        result.outcome().name(), result.rolledBack(), started, millis(started, finished), diff, result.output()));
                if (result.outcome().succeeded()) {
                    convergence.hold(hostId, config.contentHash(), version, finished);
                }
            });
            return result.outcome().succeeded() ? Result.DEPLOYED : Result.FAILED;
        }
    }

    public void release(String hostId) {
        hosts.find(hostId).orElseThrow(() -> new UnknownHostException(hostId));
        convergence.release(hostId);
    }

    private Result convergeLocked(PmtaHost host, String trigger, boolean force) {
        String hostId = host.hostId();
        Instant started = clock.instant();
        // Read before rendering: a change that lands during the deployment stays pending for the next pass.
        ConvergenceStore.Status before = convergence.status(hostId);
        long generation = before.desiredGeneration();
        ConfigRenderer renderer = rendering.forHost(host);
        List<VmtaState> states;
        ConfigRenderer.Body body;
        try {
            states = ConfigRendering.states(desired.forHost(hostId));
            body = renderer.body(hostId, states);
        } catch (InvalidConfigValueException e) {
            fail(host, before, generation, started, null, PmtaHostClient.Outcome.INVALID_CONFIG, false, trigger,
                    "desired state cannot be rendered: " + e.getMessage(), "");
            return Result.FAILED;
        }
        if (!force && body.contentHash().equals(before.deployedHash())) {
            convergence.recordUpToDate(hostId, generation, started);
            return Result.UP_TO_DATE;
        }
        RenderedConfig config = tx.execute(status -> versions.versionFor(hostId, renderer, body, started));
        String previous = before.deployedVersion() == null ? null
                : versions.find(hostId, before.deployedVersion()).map(RenderedConfig::text).orElse(null);
        String diff = ConfigDiff.unified("version " + (before.deployedVersion() == null ? "none" : before.deployedVersion()),
                previous, "version " + config.version(), config.text());
        Set<String> expected = states.stream().map(VmtaState::name).collect(Collectors.toCollection(TreeSet::new));

        Timer.Sample sample = Timer.start(meters);
        PmtaHostClient.DeployResult result = client.deploy(host, config, expected);
        sample.stop(Timer.builder("email_engine_pmta_deployment_duration").tag("host", hostId)
                .description("Duration of one deployment attempt to a PowerMTA host").register(meters));
        meters.counter("email_engine_pmta_deployments", "host", hostId, "outcome", result.outcome().name().toLowerCase())
                .increment();
        // registered with the first deployment, so a host that never rolled back exports 0 rather than nothing
        Counter rollbacks = meters.counter("email_engine_pmta_rollbacks", "host", hostId);
        if (result.rolledBack()) {
            rollbacks.increment();
        }
        if (result.outcome().succeeded()) {
            Instant finished = clock.instant();
            tx.executeWithoutResult(status -> {
                deployments.record(new DeploymentStore.DeploymentRecord(hostId, config.version(), config.contentHash(),
                        trigger, result.outcome().name(), false, started, millis(started, finished), diff, result.output()));
                convergence.recordSuccess(hostId, generation, config.contentHash(), config.version(), finished);
                if (before.consecutiveFailures() > 0) {
                    alerts.recovered(hostId);
                }
            });
            log.info("Deployed version {} ({} virtual MTAs) to PowerMTA host {}", config.version(), config.vmtaCount(), hostId);
            return Result.DEPLOYED;
        }
        fail(host, before, generation, started, config, result.outcome(), result.rolledBack(), trigger, result.output(), diff);
        return Result.FAILED;
    }

    private void fail(PmtaHost host, ConvergenceStore.Status before, long generation, Instant started, RenderedConfig config,
                      PmtaHostClient.Outcome outcome, boolean rolledBack, String trigger, String output, String diff) {
        String hostId = host.hostId();
        Instant finished = clock.instant();
        Instant nextAttempt = finished.plus(settings.backoffAfter(before.consecutiveFailures() + 1));
        tx.executeWithoutResult(status -> {
            deployments.record(new DeploymentStore.DeploymentRecord(hostId, config == null ? 0 : config.version(),
                    config == null ? "" : config.contentHash(), trigger, outcome.name(), rolledBack, started,
                    millis(started, finished), diff, output));
            convergence.recordFailure(hostId, generation, finished, nextAttempt);
            alerts.deploymentFailed(hostId, outcome, rolledBack);
        });
        log.warn("Deployment to PowerMTA host {} failed: {} (rolled back: {}); next attempt at {}", hostId, outcome,
                rolledBack, nextAttempt);
    }

    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    /** The operator named a host that is not registered. */
    public static class UnknownHostException extends RuntimeException {
        public UnknownHostException(String hostId) {
            super("no PowerMTA host '" + hostId + "'");
        }
    }
}

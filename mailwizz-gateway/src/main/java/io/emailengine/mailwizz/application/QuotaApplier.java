package io.emailengine.mailwizz.application;

import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.QuotaApplicationStore.DesiredQuota;
import io.emailengine.mailwizz.domain.DeliveryServerQuota;
import io.emailengine.mailwizz.domain.QuotaWrite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case: bring MailWizz's delivery-server quotas to the desired ones. Applies pending desired quotas
 * (level-triggered: only the latest desired value of each IP matters), and reconciles applied ones
 * against what MailWizz's database really holds.
 */
public class QuotaApplier {

    public static final String UNMAPPED = "unmapped";
    public static final String WARMUP_CONFLICT = "warmup-conflict";
    public static final String NO_DATABASE = "no-database";

    private static final Logger log = LoggerFactory.getLogger(QuotaApplier.class);

    private final QuotaApplicationStore store;
    private final MailwizzDatabase database;
    private final GatewayAlerts alerts;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int batchSize;
    private final Duration retryAfter;
    private final Counter driftRepaired;

    public QuotaApplier(QuotaApplicationStore store, MailwizzDatabase database, GatewayAlerts alerts, Clock clock, MeterRegistry meters,
                        int batchSize, Duration retryAfter) {
        this.store = store;
        this.database = database;
        this.alerts = alerts;
        this.clock = clock;
        this.meters = meters;
        this.batchSize = batchSize;
        this.retryAfter = retryAfter;
        this.driftRepaired = Counter.builder("email_engine_mailwizz_quota_drift_repaired")
                .description("Delivery servers whose quotas in MailWizz differed from the desired ones and were rewritten")
                .register(meters);
    }

    /** @return how many desired quotas were looked at */
    @Transactional
    public int applyDue() {
        if (!store.tryLead()) {
            return 0;
        }
        List<DesiredQuota> due = store.due(clock.instant(), batchSize);
        Map<TenantId, List<DesiredQuota>> byTenant = new LinkedHashMap<>();
        due.forEach(quota -> byTenant.computeIfAbsent(quota.tenant(), tenant -> new ArrayList<>()).add(quota));
        byTenant.forEach(this::applyBatch);
        return due.size();
    }

    /**
     * Compares applied quotas with MailWizz's actual values and rewrites drifted ones; re-queues quotas
     * held back by a problem so a fixed mapping or a removed warmup plan is picked up.
     *
     * @return how many drifted servers were repaired
     */
    @Transactional
    public int reconcile() {
        if (!store.tryLead()) {
            return 0;
        }
        int repaired = 0;
        for (DesiredQuota quota : store.inState("applied", Integer.MAX_VALUE)) {
            if (quota.serverId() == null) {
                continue;
            }
            try {
                Optional<DeliveryServerQuota> actual = database.read(quota.tenant(), quota.serverId());
                if (actual.isPresent() && actual.get().matches(quota.hourly(), quota.daily())) {
                    continue;
                }
                if (apply(quota) == QuotaWrite.WRITE) {
                    repaired++;
                    driftRepaired.increment();
                    log.info("Repaired drifted quota of delivery server {} (tenant {}, IP {})", quota.serverId(),
                            quota.tenant().value(), quota.ip());
                }
            } catch (MailwizzDatabaseUnavailableException e) {
                log.warn("Reconciliation of tenant {} skipped a server: {}", quota.tenant().value(), e.getMessage());
            }
        }
        store.requeueProblems();
        return repaired;
    }

    /** One MailWizz transaction for a tenant's whole batch: one commit instead of one per server. */
    private void applyBatch(TenantId tenant, List<DesiredQuota> quotas) {
        if (!database.hasDatabase(tenant)) {
            quotas.forEach(quota -> problem(quota, NO_DATABASE, null, "no MailWizz database is configured for tenant "
                    + tenant.value(), Map.of("ip", quota.ip())));
            return;
        }
        Map<Long, DesiredQuota> byServer = new LinkedHashMap<>();
        List<DesiredQuota> sameServerAgain = new ArrayList<>();
        List<DesiredQuota> unresolved = new ArrayList<>(quotas);
        Set<String> subjects = new HashSet<>();
        quotas.forEach(quota -> {
            subjects.add(quota.ip());
            subjects.add(quota.vmta());
        });
        Map<String, Long> mapped = store.mappedServers(tenant, subjects);
        try {
            for (DesiredQuota quota : quotas) {
                Long direct = mapped.containsKey(quota.ip()) ? mapped.get(quota.ip()) : mapped.get(quota.vmta());
                Optional<Long> server = direct != null ? Optional.of(direct) : serverOf(quota);
                if (server.isEmpty()) {
                    unresolved.remove(quota);
                } else if (byServer.putIfAbsent(server.get(), quota) != null) {
                    sameServerAgain.add(quota);
                }
            }
            List<MailwizzDatabase.QuotaTarget> targets = byServer.entrySet().stream()
                    .map(e -> new MailwizzDatabase.QuotaTarget(e.getKey(), e.getValue().hourly(), e.getValue().daily())).toList();
            Map<Long, QuotaWrite> results = database.writeQuotas(tenant, targets);
            Map<DesiredQuota, Long> applied = new LinkedHashMap<>();
            byServer.forEach((serverId, quota) -> {
                QuotaWrite result = results.get(serverId);
                if ((result == QuotaWrite.WRITE || result == QuotaWrite.UNCHANGED) && quota.alertedProblem() == null) {
                    count(result == QuotaWrite.WRITE ? "written" : "unchanged");
                    applied.put(quota, serverId);
                } else {
                    handle(quota, serverId, result);
                }
            });
            store.markAllApplied(applied, clock.instant());
            unresolved.clear();
        } catch (MailwizzDatabaseUnavailableException e) {
            unresolved.stream().filter(quota -> !sameServerAgain.contains(quota)).forEach(quota -> retry(quota, e));
        }
        // two subjects mapped to one server: applied one after the other, the later change wins
        sameServerAgain.forEach(this::apply);
    }

    private QuotaWrite apply(DesiredQuota quota) {
        TenantId tenant = quota.tenant();
        if (!database.hasDatabase(tenant)) {
            problem(quota, NO_DATABASE, null, "no MailWizz database is configured for tenant " + tenant.value(),
                    Map.of("ip", quota.ip()));
            return null;
        }
        try {
            Optional<Long> server = serverOf(quota);
            if (server.isEmpty()) {
                return null;
            }
            QuotaWrite result = database.writeQuota(tenant, server.get(), quota.hourly(), quota.daily());
            handle(quota, server.get(), result);
            return result;
        } catch (MailwizzDatabaseUnavailableException e) {
            retry(quota, e);
            return null;
        }
    }

    /** The mapped (or discovered) server; an unmapped quota is marked and alerted here. */
    private Optional<Long> serverOf(DesiredQuota quota) {
        Optional<Long> server = store.mappedServer(quota.tenant(), quota.ip(), quota.vmta()).or(() -> discover(quota));
        if (server.isEmpty()) {
            problem(quota, UNMAPPED, null, "IP " + quota.ip() + " (virtual MTA " + quota.vmta()
                    + ") is mapped to no MailWizz delivery server; map it to apply the desired quota", Map.of("ip", quota.ip()));
        }
        return server;
    }

    private void handle(DesiredQuota quota, long serverId, QuotaWrite result) {
        TenantId tenant = quota.tenant();
        Map<String, String> labels = Map.of("ip", quota.ip());
        switch (result) {
            case WRITE, UNCHANGED -> {
                count(result == QuotaWrite.WRITE ? "written" : "unchanged");
                store.markApplied(quota, serverId, clock.instant());
                if (quota.alertedProblem() != null) {
                    alerts.resolve(tenant, quota.alertedProblem(), "Quota of IP " + quota.ip() + " applied to delivery server "
                            + serverId, labels);
                }
            }
            case WARMUP_CONFLICT -> problem(quota, WARMUP_CONFLICT, serverId, "delivery server " + serverId
                    + " has a MailWizz warmup plan attached; Email-Engine does not overwrite it. Detach the plan to let"
                    + " Email-Engine manage IP " + quota.ip(), labels);
            case SERVER_MISSING -> problem(quota, UNMAPPED, serverId, "IP " + quota.ip() + " is mapped to delivery server "
                    + serverId + ", which does not exist in MailWizz", labels);
        }
    }

    private void retry(DesiredQuota quota, MailwizzDatabaseUnavailableException e) {
        count("database-unavailable");
        store.markRetry(quota, clock.instant().plus(retryAfter), e.getMessage());
        if (quota.attempts() == 2) {
            alerts.fire(quota.tenant(), "mailwizz-database-unavailable", Severity.WARNING, "MailWizz database unreachable; quota"
                    + " changes are kept and retried", e.getMessage(), Map.of());
        }
    }

    /** Discovery by name: exactly one server whose hostname or name is the IP or the virtual MTA name. */
    private Optional<Long> discover(DesiredQuota quota) {
        List<Long> candidates = database.serversNamed(quota.tenant(), List.of(quota.ip(), quota.vmta()));
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        store.saveMapping(quota.tenant(), quota.ip(), candidates.get(0), "discovered", clock.instant());
        return Optional.of(candidates.get(0));
    }

    private void problem(DesiredQuota quota, String state, Long serverId, String reason, Map<String, String> labels) {
        count(state);
        boolean alertedAlready = state.equals(quota.alertedProblem());
        store.markProblem(quota, state, serverId, reason, state);
        if (!alertedAlready) {
            alerts.fire(quota.tenant(), state, Severity.WARNING, "MailWizz quota of IP " + quota.ip() + " not applied: " + state,
                    reason, labels);
        }
    }

    private void count(String outcome) {
        Counter.builder("email_engine_mailwizz_quota_writes")
                .description("Attempts to apply a desired quota to a MailWizz delivery server, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}

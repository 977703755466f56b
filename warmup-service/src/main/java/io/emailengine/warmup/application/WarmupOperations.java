package io.emailengine.warmup.application;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.Evaluation;
import io.emailengine.warmup.domain.IpStatus;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.ProviderPhase;
import io.emailengine.warmup.domain.ProviderWarmup;
import io.emailengine.warmup.domain.RegisteredIp;
import io.emailengine.warmup.domain.WarmupRules;
import io.emailengine.warmup.domain.WarmupStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operator use cases on one IP's warmup: start, pause, resume, abort, admin stage override, and
 * the read side (status, decision history, tenant summary). Every change is audited, recorded as a
 * decision and published in one transaction.
 */
@Service
public class WarmupOperations {

    private final InventoryService inventory;
    private final InventoryStore inventoryStore;
    private final WarmupStateStore states;
    private final DecisionLog decisions;
    private final AuditLog audit;
    private final PlanCatalogue plans;
    private final WarmupRules rules;
    private final WarmupPublisher publisher;
    private final ReadinessCheck readiness;
    private final ProviderCatalogue providers;
    private final ReadinessLedger readinessLedger;
    private final WarmupMetrics metrics;
    private final Clock clock;

    public WarmupOperations(InventoryService inventory, InventoryStore inventoryStore, WarmupStateStore states,
                            DecisionLog decisions, AuditLog audit, PlanCatalogue plans, WarmupRules rules,
                            WarmupPublisher publisher, ReadinessCheck readiness, ProviderCatalogue providers,
                            ReadinessLedger readinessLedger, WarmupMetrics metrics, Clock clock) {
        this.inventory = inventory;
        this.inventoryStore = inventoryStore;
        this.states = states;
        this.decisions = decisions;
        this.audit = audit;
        this.plans = plans;
        this.rules = rules;
        this.publisher = publisher;
        this.readiness = readiness;
        this.providers = providers;
        this.readinessLedger = readinessLedger;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Starts warming every provider of the catalogue at stage 0. Refuses when a required DNS check
     * fails, unless an admin forces it (the override is audited with the failed checks).
     */
    @Transactional
    public WarmupStatusView start(TenantId tenant, String ipText, String planName, boolean force, Actor actor) {
        RegisteredIp ip = inventory.get(tenant, ipText);
        if (ip.status() == IpStatus.RETIRED) {
            throw new ConflictException("IP " + ip.spec().ip() + " is retired");
        }
        if (ip.warmupStatus() == WarmupStatus.WARMING) {
            throw new ConflictException("IP " + ip.spec().ip() + " is already warming");
        }
        if (force && !actor.admin()) {
            throw new AccessDeniedException("only an admin key may force a start");
        }
        PlanTemplate plan = plans.require(tenant, planName);
        ReadinessCheck.Report report = readiness.check(ip.spec());
        Instant now = clock.instant();
        if (!report.passed()) {
            if (!force) {
                // not recorded: the transaction rolls back with the refusal
                throw new NotReadyException(ip.spec().ip().value(), report);
            }
            audit.record(new AuditLog.Entry(now, actor.name(), tenant, "warmup.start.forced", ip.spec().ip().value(),
                    "DNS readiness failed: " + failed(report)));
        }
        readinessLedger.record(ip.spec().ip(), report.passed(), report.checks().toString(), now);
        List<ProviderWarmup> started = new ArrayList<>();
        List<Decision> made = new ArrayList<>();
        for (Provider provider : providers.providers()) {
            Evaluation evaluation = rules.start(ProviderWarmup.start(provider, plan.scheduleFor(provider), now),
                    plan.scheduleFor(provider));
            started.add(evaluation.next());
            evaluation.decision().ifPresent(made::add);
        }
        RegisteredIp warming = new RegisteredIp(tenant, ip.spec(), ip.status(), WarmupStatus.WARMING, plan.name(),
                ip.createdAt(), now);
        inventoryStore.update(warming);
        UUID decisionId = record(warming, started, made, "operator:" + actor.name(), now);
        audit.record(new AuditLog.Entry(now, actor.name(), tenant, "warmup.start", ip.spec().ip().value(), "plan " + plan.name()));
        publisher.publishLimits(warming, started, decisionId, "warmup started with plan " + plan.name() + " by " + actor.name(), null);
        return status(tenant, ipText);
    }

    @Transactional
    public WarmupStatusView pause(TenantId tenant, String ipText, String provider, Actor actor) {
        return change(tenant, ipText, provider, actor, "warmup.pause",
                state -> rules.pauseByOperator(state, actor.name(), clock.instant()));
    }

    @Transactional
    public WarmupStatusView resume(TenantId tenant, String ipText, String provider, Actor actor) {
        RegisteredIp ip = warming(tenant, ipText);
        PlanTemplate plan = plans.require(tenant, ip.planName());
        return change(tenant, ipText, provider, actor, "warmup.resume",
                state -> rules.resumeByOperator(state, plan.scheduleFor(state.provider()), actor.name(), clock.instant()));
    }

    @Transactional
    public WarmupStatusView overrideStage(TenantId tenant, String ipText, String provider, int stage, Actor actor) {
        if (!actor.admin()) {
            throw new AccessDeniedException("stage override needs the admin scope");
        }
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider is required for a stage override");
        }
        RegisteredIp ip = warming(tenant, ipText);
        PlanTemplate plan = plans.require(tenant, ip.planName());
        return change(tenant, ipText, provider, actor, "warmup.override-stage",
                state -> rules.overrideStage(state, plan.scheduleFor(state.provider()), stage, actor.name(), clock.instant()));
    }

    /** Stops warming: every provider is paused downstream and the state is dropped. */
    @Transactional
    public WarmupStatusView abort(TenantId tenant, String ipText, Actor actor) {
        RegisteredIp ip = warming(tenant, ipText);
        Instant now = clock.instant();
        List<ProviderWarmup> stopped = states.states(ip.spec().ip()).stream()
                .map(s -> new ProviderWarmup(s.provider(), ProviderPhase.PAUSED, s.stage(),
                        s.warmupDay(), s.dailyQuota(), s.dayStartedAt(), null, "aborted", 0, false, s.lastActiveAt()))
                .toList();
        states.delete(ip.spec().ip());
        RegisteredIp aborted = new RegisteredIp(tenant, ip.spec(), ip.status(), WarmupStatus.ABORTED, ip.planName(),
                ip.createdAt(), now);
        inventoryStore.update(aborted);
        audit.record(new AuditLog.Entry(now, actor.name(), tenant, "warmup.abort", ip.spec().ip().value(), null));
        publisher.publishLimits(aborted, stopped, UUID.randomUUID(), "warmup aborted by " + actor.name(), null);
        return status(tenant, ipText);
    }

    public WarmupStatusView status(TenantId tenant, String ipText) {
        RegisteredIp ip = inventory.get(tenant, ipText);
        List<ProviderWarmup> current = states.states(ip.spec().ip());
        List<DecisionLog.Entry> last = decisions.history(tenant, ip.spec().ip(), 1);
        Map<String, ProviderView> byProvider = new TreeMap<>();
        for (ProviderWarmup state : current) {
            byProvider.put(state.provider().name(), new ProviderView(state.phase().name(), state.stage(), state.warmupDay(),
                    state.effectiveDaily(), state.hourlyQuota(ip.spec().sendingHours()), state.pausedUntil(), state.pauseReason()));
        }
        return new WarmupStatusView(ip.spec().ip().value(), ip.warmupStatus().name(), ip.planName(), byProvider,
                last.isEmpty() ? null : last.get(0));
    }

    public List<DecisionLog.Entry> history(TenantId tenant, String ipText, int limit) {
        RegisteredIp ip = inventory.get(tenant, ipText);
        return decisions.history(tenant, ip.spec().ip(), Math.max(1, Math.min(limit, 500)));
    }

    public List<AuditLog.Entry> audit(TenantId tenant, int limit) {
        return audit.list(tenant, Math.max(1, Math.min(limit, 1_000)));
    }

    public TenantSummary summary(TenantId tenant) {
        Map<WarmupStatus, Integer> byStatus = new EnumMap<>(WarmupStatus.class);
        Map<String, Integer> byPhase = new TreeMap<>();
        long daily = 0;
        int retired = 0;
        for (RegisteredIp ip : inventory.list(tenant)) {
            if (ip.status() == IpStatus.RETIRED) {
                retired++;
                continue;
            }
            byStatus.merge(ip.warmupStatus(), 1, Integer::sum);
            for (ProviderWarmup state : states.states(ip.spec().ip())) {
                byPhase.merge(state.provider().name() + ":" + state.phase().name(), 1, Integer::sum);
                daily += state.effectiveDaily();
            }
        }
        return new TenantSummary(tenant.value(), byStatus, retired, byPhase, daily);
    }

    private WarmupStatusView change(TenantId tenant, String ipText, String provider, Actor actor, String action,
                                    Function<ProviderWarmup, Evaluation> operation) {
        RegisteredIp ip = warming(tenant, ipText);
        Provider only = provider == null || provider.isBlank() ? null : Provider.of(provider);
        Instant now = clock.instant();
        List<ProviderWarmup> current = states.states(ip.spec().ip());
        if (only != null && current.stream().noneMatch(s -> s.provider().equals(only))) {
            throw new IllegalArgumentException("provider '" + only + "' is not warmed on this IP");
        }
        List<ProviderWarmup> next = new ArrayList<>();
        List<Decision> made = new ArrayList<>();
        for (ProviderWarmup state : current) {
            if (only != null && !state.provider().equals(only)) {
                next.add(state);
                continue;
            }
            Evaluation evaluation = operation.apply(state);
            next.add(evaluation.next());
            evaluation.decision().ifPresent(made::add);
        }
        audit.record(new AuditLog.Entry(now, actor.name(), tenant, action, ip.spec().ip().value(),
                only == null ? "all providers" : "provider " + only));
        if (!made.isEmpty()) {
            UUID decisionId = record(ip, next, made, "operator:" + actor.name(), now);
            publisher.publishLimits(ip, next, decisionId, WarmupEngine.reasonOf(made), null);
            made.forEach(decision -> publisher.publishAlert(ip, decision, decisionId, null));
        }
        return status(tenant, ipText);
    }

    private UUID record(RegisteredIp ip, List<ProviderWarmup> next, List<Decision> made, String cause, Instant now) {
        UUID decisionId = UUID.randomUUID();
        states.save(ip.tenant(), ip.spec().ip(), next, decisionId, now);
        decisions.append(made.stream().map(d -> new DecisionLog.Entry(decisionId, ip.tenant(), ip.spec().ip(), now, cause, d))
                .toList());
        metrics.countDecisions(made);
        return decisionId;
    }

    private RegisteredIp warming(TenantId tenant, String ipText) {
        RegisteredIp ip = inventory.get(tenant, ipText);
        if (ip.warmupStatus() != WarmupStatus.WARMING) {
            throw new ConflictException("IP " + ip.spec().ip() + " is not warming (" + ip.warmupStatus() + ")");
        }
        return ip;
    }

    private static String failed(ReadinessCheck.Report report) {
        return report.checks().stream().filter(c -> c.required() && !c.passed()).map(c -> c.name() + " (" + c.found() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** Current warmup of one IP as operators see it. */
    public record WarmupStatusView(String ip, String warmupStatus, String plan, Map<String, ProviderView> providers,
                                   DecisionLog.Entry lastDecision) {
    }

    public record ProviderView(String phase, int stage, int warmupDay, long dailyQuota, long hourlyQuota,
                               Instant pausedUntil, String pauseReason) {
    }

    public record TenantSummary(String tenant, Map<WarmupStatus, Integer> ipsByWarmupStatus, int retired,
                                Map<String, Integer> providersByPhase, long totalDailyCapacity) {
    }
}

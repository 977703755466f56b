package io.emailengine.warmup.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.WarmupTick;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.Evaluation;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.ProviderWarmup;
import io.emailengine.warmup.domain.WarmupRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: the warmup clock ticked. Evaluates every warming IP × provider, records each change as
 * one decision and publishes it, all in the tick consumer's transaction. A redelivered tick is
 * stopped by the idempotent consumer; a second tick for the same time finds no IP due. Block signals
 * carried by a {@code BounceReceived} are usually reacted to before the tick ({@link SignalReactions});
 * the tick holds the engine lock so that the two never overwrite each other's state.
 */
@Service
public class WarmupEngine {

    private static final Logger log = LoggerFactory.getLogger(WarmupEngine.class);

    private final WarmupStateStore states;
    private final DecisionLog decisions;
    private final PlanCatalogue plans;
    private final WarmupRules rules;
    private final WarmupPublisher publisher;
    private final WarmupMetrics metrics;
    private final Timer tickTimer;

    public WarmupEngine(WarmupStateStore states, DecisionLog decisions, PlanCatalogue plans, WarmupRules rules,
                        WarmupPublisher publisher, WarmupMetrics metrics, MeterRegistry meters) {
        this.states = states;
        this.decisions = decisions;
        this.plans = plans;
        this.rules = rules;
        this.publisher = publisher;
        this.metrics = metrics;
        this.tickTimer = Timer.builder("email_engine_warmup_tick_duration").description("time to evaluate one warmup tick")
                .register(meters);
    }

    /** Must run inside a transaction (the idempotent consumer's). */
    public TickOutcome onTick(EventEnvelope<WarmupTick> event) {
        return tickTimer.record(() -> evaluate(event));
    }

    private TickOutcome evaluate(EventEnvelope<WarmupTick> event) {
        Instant now = event.payload().tickTime();
        long started = System.nanoTime();
        states.lockForTick();
        List<IpWarmup> due = states.dueForTick(now, event.payload().period());
        long loaded = System.nanoTime();
        Map<String, PlanTemplate> planCache = new HashMap<>();
        List<WarmupStateStore.SavedState> changed = new ArrayList<>();
        List<DecisionLog.Entry> entries = new ArrayList<>();
        int published = 0;
        List<EventEnvelope<?>> outgoing = new ArrayList<>();
        List<SendingIp> evaluatedIps = new ArrayList<>(due.size());
        for (IpWarmup ip : due) {
            try {
                published += evaluateIp(ip, event, now, planCache, changed, entries, outgoing);
                evaluatedIps.add(ip.ip().spec().ip());
            } catch (RuntimeException e) {
                // One IP with a broken plan must not stop the warmup of the others; it stays due, so the
                // next tick retries it, and operators are told.
                log.warn("warmup evaluation of {} failed, retried at the next tick: {}", ip.ip().spec().ip(), e.toString());
                outgoing.add(publisher.evaluationFailed(ip.ip(), e.getMessage(), event));
            }
        }
        long evaluated = System.nanoTime();
        states.saveAll(changed, now);
        long saved = System.nanoTime();
        decisions.append(entries);
        long logged = System.nanoTime();
        publisher.publish(outgoing);
        long sent = System.nanoTime();
        states.markTicked(evaluatedIps, now);
        log.info("warmup tick {} at {}: {} IPs evaluated, {} decisions, {} IPs published ({} events); ms: load {}, evaluate {},"
                        + " save states {}, decision log {}, outbox {}, mark {}", event.payload().tickId(), now, due.size(),
                entries.size(), published, outgoing.size(), ms(loaded - started), ms(evaluated - loaded), ms(saved - evaluated),
                ms(logged - saved), ms(sent - logged), ms(System.nanoTime() - sent));
        return new TickOutcome(due.size(), entries.size(), published);
    }

    /** @return 1 if the IP's limits were published, 0 otherwise */
    private int evaluateIp(IpWarmup ip, EventEnvelope<WarmupTick> event, Instant now, Map<String, PlanTemplate> planCache,
                           List<WarmupStateStore.SavedState> changedStates, List<DecisionLog.Entry> allEntries,
                           List<EventEnvelope<?>> allOutgoing) {
        // collected locally and handed over only when the whole IP evaluated, so a failure leaves nothing half-done
        List<WarmupStateStore.SavedState> changed = new ArrayList<>();
        List<DecisionLog.Entry> entries = new ArrayList<>();
        List<EventEnvelope<?>> outgoing = new ArrayList<>();
        TenantId tenant = ip.ip().tenant();
        PlanTemplate plan = planCache.computeIfAbsent(tenant.value() + "/" + ip.ip().planName(),
                key -> plans.require(tenant, ip.ip().planName()));
        List<ProviderWarmup> next = new ArrayList<>(ip.providers().size());
        List<Decision> made = new ArrayList<>();
        for (IpWarmup.Provider provider : ip.providers()) {
            ProviderWarmup state = provider.state();
            Evaluation evaluation = rules.evaluate(state, plan.scheduleFor(state.provider()), provider.stats(), now);
            next.add(evaluation.next());
            evaluation.decision().ifPresent(made::add);
        }
        UUID decisionId = made.isEmpty() ? null : UUID.randomUUID();
        for (int i = 0; i < next.size(); i++) {
            if (!next.get(i).equals(ip.providers().get(i).state())) {
                changed.add(new WarmupStateStore.SavedState(tenant, ip.ip().spec().ip(), next.get(i), decisionId));
            }
        }
        String cause = "tick:" + event.payload().tickId();
        made.forEach(decision -> entries.add(new DecisionLog.Entry(decisionId, tenant, ip.ip().spec().ip(), now, cause, decision)));
        List<Decision> limiting = made.stream().filter(Decision::changesLimits).toList();
        if (!limiting.isEmpty()) {
            outgoing.addAll(publisher.limitEvents(ip.ip(), next, decisionId, reasonOf(limiting), event));
        }
        made.forEach(decision -> publisher.alertEvent(ip.ip(), decision, decisionId, event).ifPresent(outgoing::add));
        changedStates.addAll(changed);
        allEntries.addAll(entries);
        allOutgoing.addAll(outgoing);
        metrics.countDecisions(made);
        made.forEach(decision -> rules.signalActionOf(decision).ifPresent(action ->
                metrics.countSignalReaction(decision.provider(), action, WarmupMetrics.TRIGGER_TICK)));
        return limiting.isEmpty() ? 0 : 1;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static String reasonOf(List<Decision> decisions) {
        return decisions.stream().map(d -> d.provider().name() + ": " + d.reason()).collect(Collectors.joining("; "));
    }

    /** What one tick did, for logs, metrics and the benchmark. */
    public record TickOutcome(int ipsEvaluated, int decisions, int ipsPublished) {
    }
}

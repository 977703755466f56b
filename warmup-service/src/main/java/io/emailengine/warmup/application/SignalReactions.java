package io.emailengine.warmup.application;

import io.emailengine.events.BounceReceived;
import io.emailengine.events.EventEnvelope;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.Evaluation;
import io.emailengine.warmup.domain.IpStatus;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.ProviderWarmup;
import io.emailengine.warmup.domain.RegisteredIp;
import io.emailengine.warmup.domain.SignalCount;
import io.emailengine.warmup.domain.WarmupRules;
import io.emailengine.warmup.domain.WarmupStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: a {@code BounceReceived} carried a provider block signal a signal rule reacts to (Yahoo TSS04,
 * Microsoft S3150, ...). Evaluates that one IP × provider at once instead of at the next (hourly) tick:
 * the tick's signal rule and counting ({@link WarmupRules#reactToSignals}), one decision in the log with
 * cause {@code signal:<eventId>}, and {@code QuotaChanged} + {@code PmtaConfigRequested} + {@code AlertRaised}
 * through the outbox, all in the bounce consumer's transaction (exactly once per event id). Promotions,
 * holds and rate back-offs stay on the tick; the state remembers the signals reacted to, so the tick does
 * not react to them again.
 */
@Service
public class SignalReactions {

    private static final Logger log = LoggerFactory.getLogger(SignalReactions.class);

    private final InventoryStore inventory;
    private final WarmupStateStore states;
    private final DeliveryStatisticsStore statistics;
    private final DecisionLog decisions;
    private final PlanCatalogue plans;
    private final WarmupRules rules;
    private final WarmupPublisher publisher;
    private final WarmupMetrics metrics;
    private final Clock clock;

    public SignalReactions(InventoryStore inventory, WarmupStateStore states, DeliveryStatisticsStore statistics,
                           DecisionLog decisions, PlanCatalogue plans, WarmupRules rules, WarmupPublisher publisher,
                           WarmupMetrics metrics, Clock clock) {
        this.inventory = inventory;
        this.states = states;
        this.statistics = statistics;
        this.decisions = decisions;
        this.plans = plans;
        this.rules = rules;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Must run inside the consumer's transaction, after the bounce's signal was recorded (so it is counted).
     *
     * @return the decision id when the signal changed the IP × provider
     */
    public Optional<UUID> onBounce(EventEnvelope<BounceReceived> event) {
        BounceReceived bounce = event.payload();
        if (!rules.reactsTo(bounce.signalCode())) {
            return Optional.empty();
        }
        RegisteredIp ip = inventory.find(bounce.ip()).orElse(null);
        if (ip == null) {
            // as at the tick: an IP outside the warmup inventory has nothing to pause
            log.debug("signal {} for {} not reacted to: the IP is not registered", bounce.signalCode(), bounce.ip());
            return Optional.empty();
        }
        if (!ip.tenant().equals(event.tenantId())) {
            // nor does the tick count it: signals are read per tenant
            log.warn("signal {} of event {} for {} not reacted to: the IP is not registered for tenant {}",
                    bounce.signalCode(), event.eventId(), bounce.ip(), event.tenantId());
            return Optional.empty();
        }
        if (ip.status() == IpStatus.RETIRED || ip.warmupStatus() != WarmupStatus.WARMING) {
            log.info("signal {} for {} not reacted to: the IP is not warming ({}, {})", bounce.signalCode(), bounce.ip(),
                    ip.status(), ip.warmupStatus());
            return Optional.empty();
        }
        Optional<PlanTemplate> plan = plans.find(ip.tenant(), ip.planName());
        if (plan.isEmpty()) {
            // the tick raises the alert for an IP it cannot evaluate; the signal stays counted for it
            log.warn("signal {} for {} not reacted to at once: plan '{}' not found", bounce.signalCode(), bounce.ip(),
                    ip.planName());
            return Optional.empty();
        }
        List<ProviderWarmup> current = states.statesForSignalReaction(ip.spec().ip());
        int index = indexOf(current, bounce);
        if (index < 0) {
            return Optional.empty();
        }
        ProviderWarmup state = current.get(index);
        Instant now = clock.instant();
        // The window ends when the record was logged: a burst that reached us late still counts together.
        Instant windowEnd = rules.signalWindowEnd(bounce.loggedAt(), now);
        List<SignalCount> signals = statistics.signalsSince(ip.tenant(), ip.spec().ip(), state.provider(),
                windowEnd.minus(rules.settings().signalWindow()));
        Evaluation evaluation = rules.reactToSignals(state, plan.get().scheduleFor(state.provider()), signals,
                bounce.loggedAt(), now);
        if (evaluation.decision().isEmpty()) {
            return Optional.empty();
        }
        Decision decision = evaluation.decision().get();
        List<ProviderWarmup> next = new ArrayList<>(current);
        next.set(index, evaluation.next());
        UUID decisionId = UUID.randomUUID();
        states.save(ip.tenant(), ip.spec().ip(), List.of(evaluation.next()), decisionId, now);
        decisions.append(List.of(new DecisionLog.Entry(decisionId, ip.tenant(), ip.spec().ip(), now,
                "signal:" + event.eventId(), decision)));
        List<EventEnvelope<?>> outgoing = new ArrayList<>(3);
        if (decision.changesLimits()) {
            outgoing.addAll(publisher.limitEvents(ip, next, decisionId, WarmupEngine.reasonOf(List.of(decision)), event));
        }
        publisher.alertEvent(ip, decision, decisionId, event).ifPresent(outgoing::add);
        publisher.publish(outgoing);
        metrics.countDecisions(List.of(decision));
        rules.signalActionOf(decision).ifPresent(action ->
                metrics.countSignalReaction(decision.provider(), action, WarmupMetrics.TRIGGER_BOUNCE));
        log.info("signal {} of event {}: {} → {}: {} (decision {})", bounce.signalCode(), event.eventId(), bounce.ip(),
                decision.provider(), decision.reason(), decisionId);
        return Optional.of(decisionId);
    }

    private static int indexOf(List<ProviderWarmup> states, BounceReceived bounce) {
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).provider().equals(bounce.provider())) {
                return i;
            }
        }
        return -1;
    }
}

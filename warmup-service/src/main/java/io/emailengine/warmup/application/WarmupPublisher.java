package io.emailengine.warmup.application;

import io.emailengine.kit.outbox.OutboxPublisher;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventPayload;
import io.emailengine.events.EventType;
import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.ProviderLimits;
import io.emailengine.events.ProviderQuota;
import io.emailengine.events.QuotaChanged;
import io.emailengine.events.Severity;
import io.emailengine.events.types.MessageRate;
import io.emailengine.events.types.Provider;
import io.emailengine.warmup.domain.AlertIntent;
import io.emailengine.warmup.domain.ConnectionPolicy;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.ProviderWarmup;
import io.emailengine.warmup.domain.RegisteredIp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a decision into the events downstream needs, through the outbox in the caller's
 * transaction: QuotaChanged (MailWizz), PmtaConfigRequested (PowerMTA), AlertRaised (operators).
 */
@Component
public class WarmupPublisher {

    static final String ALERT_KIND = "warmup-provider-health";

    private final OutboxPublisher outbox;
    private final ConnectionPolicy connections;
    private final EngineSettings settings;
    private final Clock clock;

    public WarmupPublisher(OutboxPublisher outbox, ConnectionPolicy connections, EngineSettings settings, Clock clock) {
        this.outbox = outbox;
        this.connections = connections;
        this.settings = settings;
        this.clock = clock;
    }

    public void publish(List<EventEnvelope<?>> events) {
        if (!events.isEmpty()) {
            outbox.publishAll(events);
        }
    }

    public void publishLimits(RegisteredIp ip, List<ProviderWarmup> states, UUID decisionId, String reason,
                              EventEnvelope<?> cause) {
        publish(limitEvents(ip, states, decisionId, reason, cause));
    }

    public void publishAlert(RegisteredIp ip, Decision decision, UUID decisionId, EventEnvelope<?> cause) {
        alertEvent(ip, decision, decisionId, cause).ifPresent(alert -> publish(List.of(alert)));
    }

    /** The whole desired state of the IP: level-triggered, so the latest event is all a consumer needs. */
    public List<EventEnvelope<?>> limitEvents(RegisteredIp ip, List<ProviderWarmup> states, UUID decisionId, String reason,
                                              EventEnvelope<?> cause) {
        int hours = ip.spec().sendingHours();
        Map<Provider, ProviderQuota> quotas = new TreeMap<>();
        Map<Provider, ProviderLimits> limits = new TreeMap<>();
        Set<Provider> paused = new HashSet<>();
        long totalDaily = 0;
        long totalHourly = 0;
        int stage = Integer.MAX_VALUE;
        int day = 0;
        for (ProviderWarmup state : states) {
            long daily = state.effectiveDaily();
            long hourly = state.hourlyQuota(hours);
            quotas.put(state.provider(), new ProviderQuota(daily, hourly));
            limits.put(state.provider(), new ProviderLimits(MessageRate.perHour(Math.max(1, hourly)),
                    connections.connectionsFor(hourly), connections.maxMsgPerConnection()));
            if (state.paused() || daily == 0) {
                paused.add(state.provider());
            }
            totalDaily += daily;
            totalHourly += hourly;
            stage = Math.min(stage, state.stage());
            day = Math.max(day, state.warmupDay());
        }
        QuotaChanged quota = new QuotaChanged(ip.spec().ip(), ip.spec().vmta(), quotas, totalDaily, totalHourly,
                states.isEmpty() ? 0 : stage, day, reason, decisionId);
        PmtaConfigRequested pmta = new PmtaConfigRequested(ip.spec().host(), ip.spec().vmtaSpec(), limits, paused);
        List<EventEnvelope<?>> events = new ArrayList<>(2);
        events.add(envelope(quota, ip, cause));
        events.add(envelope(pmta, ip, cause));
        return events;
    }

    /** Warning for an IP the tick could not evaluate (e.g. its plan is gone); it is retried at the next tick. */
    public EventEnvelope<?> evaluationFailed(RegisteredIp ip, String why, EventEnvelope<?> cause) {
        Map<String, String> labels = Map.of("ip", ip.spec().ip().value(), "tenant", ip.tenant().value());
        AlertRaised alert = new AlertRaised(AlertRaised.fingerprintOf(settings.producer(), "warmup-evaluation-failed", labels),
                Severity.WARNING, settings.producer(), "Warmup evaluation failed for " + ip.spec().ip().value(), why,
                new TreeMap<>(labels), AlertStatus.FIRING);
        return envelope(alert, ip, cause);
    }

    public Optional<EventEnvelope<?>> alertEvent(RegisteredIp ip, Decision decision, UUID decisionId, EventEnvelope<?> cause) {
        if (decision.alert() == AlertIntent.NONE) {
            return Optional.empty();
        }
        Map<String, String> labels = Map.of("ip", ip.spec().ip().value(), "provider", decision.provider().name(),
                "tenant", ip.tenant().value());
        String fingerprint = AlertRaised.fingerprintOf(settings.producer(), ALERT_KIND, labels);
        Map<String, String> shown = new TreeMap<>(labels);
        shown.put("decision", decision.kind().name().toLowerCase(Locale.ROOT));
        shown.put("decisionId", decisionId.toString());
        boolean resolved = decision.alert() == AlertIntent.RESOLVE;
        Severity severity = switch (decision.alert()) {
            case CRITICAL -> Severity.CRITICAL;
            case WARNING -> Severity.WARNING;
            default -> Severity.INFO;
        };
        String summary = (resolved ? "Warmup recovered: " : "Warmup " + decision.kind().name().toLowerCase(Locale.ROOT)
                .replace('_', '-') + ": ") + ip.spec().ip().value() + " → " + decision.provider().name();
        AlertRaised alert = new AlertRaised(fingerprint, severity, settings.producer(), summary, decision.reason(), shown,
                resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING);
        return Optional.of(envelope(alert, ip, cause));
    }

    private <P extends EventPayload> EventEnvelope<P> envelope(P payload, RegisteredIp ip, EventEnvelope<?> cause) {
        EventType type = EventType.of(payload.getClass());
        UUID id = UUID.randomUUID();
        String correlation = cause == null ? id.toString() : cause.correlationId();
        String causation = cause == null ? null : cause.eventId().toString();
        return new EventEnvelope<>(id, type.logicalName(), type.schemaVersion(), clock.instant(), ip.tenant(),
                correlation, causation, settings.producer(), payload);
    }
}

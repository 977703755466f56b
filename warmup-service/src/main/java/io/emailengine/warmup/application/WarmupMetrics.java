package io.emailengine.warmup.application;

import io.emailengine.events.types.Provider;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.DecisionKind;
import io.emailengine.warmup.domain.SignalAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * Per IP × provider gauges, so dashboards show each IP's warmup stage, day and quota (users of
 * warmup tools ask for exactly this). Rebuilt from the database, so every replica exports the same.
 */
@Service
public class WarmupMetrics {

    /** A signal reaction made at once, on the BounceReceived that carried the signal. */
    public static final String TRIGGER_BOUNCE = "bounce";
    /** A signal reaction made by the tick (e.g. signals only a DeliveryReport counted up to a rule's minimum). */
    public static final String TRIGGER_TICK = "tick";
    private static final List<Provider> PROVIDERS = List.of(Provider.GMAIL, Provider.MICROSOFT, Provider.YAHOO, Provider.OTHER);

    private final WarmupStateStore states;
    private final MeterRegistry meters;
    private final MultiGauge stage;
    private final MultiGauge day;
    private final MultiGauge quota;
    private final MultiGauge paused;

    public WarmupMetrics(WarmupStateStore states, MeterRegistry meters) {
        this.states = states;
        this.meters = meters;
        // every kind exists from start-up, so rules and dashboards see 0 rather than nothing
        for (Provider provider : PROVIDERS) {
            for (DecisionKind kind : DecisionKind.values()) {
                decisions(kind, provider);
            }
            for (SignalAction action : SignalAction.values()) {
                signalReactions(provider, action, TRIGGER_BOUNCE);
                signalReactions(provider, action, TRIGGER_TICK);
            }
        }
        this.stage = MultiGauge.builder("email_engine_warmup_stage").description("current warmup stage").register(meters);
        this.day = MultiGauge.builder("email_engine_warmup_day").description("sending days of warmup so far").register(meters);
        this.quota = MultiGauge.builder("email_engine_warmup_daily_quota").description("allowed messages per day now")
                .register(meters);
        this.paused = MultiGauge.builder("email_engine_warmup_paused").description("1 while the provider is paused")
                .register(meters);
    }

    /** Counts decisions wherever they are made: ticks and operator actions alike. */
    public void countDecisions(Collection<Decision> made) {
        made.forEach(decision -> decisions(decision.kind(), decision.provider()).increment());
    }

    private Counter decisions(DecisionKind kind, Provider provider) {
        return Counter.builder("email_engine_warmup_decisions").description("warmup decisions by kind and provider")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("provider", provider.name()).register(meters);
    }

    /** One pause or cut caused by a provider signal, by what triggered it ({@link #TRIGGER_BOUNCE}, {@link #TRIGGER_TICK}). */
    public void countSignalReaction(Provider provider, SignalAction action, String trigger) {
        signalReactions(provider, action, trigger).increment();
    }

    private Counter signalReactions(Provider provider, SignalAction action, String trigger) {
        return Counter.builder("email_engine_warmup_signal_reactions")
                .description("pauses and cuts caused by provider block signals, by provider, action and trigger")
                .tag("provider", provider.name()).tag("action", action.name().toLowerCase(Locale.ROOT))
                .tag("trigger", trigger).register(meters);
    }

    public void refresh() {
        List<WarmupStateStore.SavedState> all = states.allWarming();
        stage.register(rows(all, s -> s.state().stage()), true);
        day.register(rows(all, s -> s.state().warmupDay()), true);
        quota.register(rows(all, s -> s.state().effectiveDaily()), true);
        paused.register(rows(all, s -> s.state().paused() ? 1 : 0), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<WarmupStateStore.SavedState> all,
                                                java.util.function.ToDoubleFunction<WarmupStateStore.SavedState> value) {
        return all.stream().<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(Tags.of("tenant", s.tenant().value(),
                "ip", s.ip().value(), "provider", s.state().provider().name()), value.applyAsDouble(s))).toList();
    }
}

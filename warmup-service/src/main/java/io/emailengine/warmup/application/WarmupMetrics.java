package io.emailengine.warmup.application;

import io.emailengine.events.types.Provider;
import io.emailengine.warmup.domain.Decision;
import io.emailengine.warmup.domain.DecisionKind;
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
        for (DecisionKind kind : DecisionKind.values()) {
            for (Provider provider : List.of(Provider.GMAIL, Provider.MICROSOFT, Provider.YAHOO, Provider.OTHER)) {
                decisions(kind, provider);
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

package io.emailengine.warmup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import io.emailengine.warmup.domain.InvalidPlanException;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.WarmupSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WarmupPropertiesTest {

    private final WarmupConfiguration configuration = new WarmupConfiguration();

    private static WarmupProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("email-engine.warmup", WarmupProperties.class);
    }

    @Test
    void unconfiguredSettingsAreTheReferenceDefaultsOfTheRules() {
        assertThat(configuration.warmupSettings(bind(Map.of()))).isEqualTo(WarmupSettings.defaults());
        assertThat(WarmupSettings.defaults().highVolumeHoldFrom()).isEqualTo(400_000L);
        assertThat(WarmupSettings.defaults().highVolumeHoldDays()).isEqualTo(3);
    }

    @Test
    void theHighVolumeHoldIsConfigurable() {
        WarmupSettings settings = configuration.warmupSettings(bind(Map.of(
                "email-engine.warmup.rules.high-volume-hold-from", "100000",
                "email-engine.warmup.rules.high-volume-hold-days", "4")));

        assertThat(settings.holdDaysAt(99_999)).isEqualTo(1);
        assertThat(settings.holdDaysAt(100_000)).isEqualTo(4);
    }

    @Test
    void thresholdsAndTargetsAreConfigurable() {
        WarmupProperties properties = bind(Map.of(
                "email-engine.warmup.rules.max-hard-bounce-rate", "0.03",
                "email-engine.warmup.plan.targets.gmail", "100000",
                "email-engine.warmup.plan.days", "30"));

        assertThat(configuration.warmupSettings(properties).maxHardBounceRate()).isEqualTo(0.03);
        PlanTemplate plan = configuration.standardPlan(properties, configuration.growthCaps(properties), ProviderCatalogue.defaults());
        assertThat(plan.scheduleFor(Provider.GMAIL).dailyVolumes()).hasSize(30).endsWith(100_000L);
        assertThat(plan.scheduleFor(Provider.YAHOO).target()).isEqualTo(20_000L);
    }

    @Test
    void anUnreachableTargetStopsStartUpWithTheReason() {
        WarmupProperties properties = bind(Map.of("email-engine.warmup.plan.targets.gmail", "90000000",
                "email-engine.warmup.plan.days", "10"));

        assertThatThrownBy(() -> configuration.standardPlan(properties, configuration.growthCaps(properties),
                ProviderCatalogue.defaults()))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("gmail: target 90,000,000/day cannot be reached from 200/day in 10 days");
    }
}

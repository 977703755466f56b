package io.emailengine.warmup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import io.emailengine.warmup.application.RetentionSettings;
import io.emailengine.warmup.domain.InvalidPlanException;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.WarmupSettings;
import jakarta.validation.Validation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

class WarmupPropertiesTest {

    private final WarmupConfiguration configuration = new WarmupConfiguration();

    private static WarmupProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("email-engine.warmup", WarmupProperties.class);
    }

    /** As at start-up: the constraints of the settings are checked while binding. */
    private static WarmupProperties bindValidated(Map<String, String> settings) {
        ValidationBindHandler validation = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("email-engine.warmup", Bindable.of(WarmupProperties.class), validation);
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

    @Test
    void unconfiguredRetentionKeepsSignalsAndHourlyCountsFourteenDaysPurgedHourlyInChunksOfTenThousandRows() {
        WarmupProperties properties = bindValidated(Map.of());

        assertThat(configuration.retentionSettings(properties, configuration.warmupSettings(properties)))
                .isEqualTo(new RetentionSettings(Duration.ofDays(14), Duration.ofDays(14), 10_000, 100));
        assertThat(properties.retention().purgeEvery()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theRetentionIsConfigurable() {
        WarmupProperties properties = bindValidated(Map.of(
                "email-engine.warmup.retention.provider-signals", "3d",
                "email-engine.warmup.retention.delivery-hours", "30d",
                "email-engine.warmup.retention.purge-every", "10m",
                "email-engine.warmup.retention.chunk-rows", "500",
                "email-engine.warmup.retention.max-chunks-per-run", "7"));

        assertThat(configuration.retentionSettings(properties, configuration.warmupSettings(properties)))
                .isEqualTo(new RetentionSettings(Duration.ofDays(3), Duration.ofDays(30), 500, 7));
        assertThat(properties.retention().purgeEvery()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aRetentionNotLongerThanWhatTheRulesReadStopsStartUpWithTheReason() {
        WarmupProperties signals = bindValidated(Map.of("email-engine.warmup.retention.provider-signals", "2h",
                "email-engine.warmup.tick.period", "2h"));
        WarmupProperties hours = bindValidated(Map.of("email-engine.warmup.retention.delivery-hours", "26h"));
        WarmupProperties longerDays = bindValidated(Map.of("email-engine.warmup.retention.delivery-hours", "3d",
                "email-engine.warmup.rules.sending-day", "3d"));

        assertThatThrownBy(() -> configuration.retentionSettings(signals, configuration.warmupSettings(signals)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention.provider-signals (PT2H) must be longer than the signal window the rules "
                        + "count over (tick.period, PT2H)");
        assertThatThrownBy(() -> configuration.retentionSettings(hours, configuration.warmupSettings(hours)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention.delivery-hours (PT26H) must be longer than the day window the tick reads "
                        + "(rules.sending-day + tick.period + 1 h, PT26H)");
        assertThatThrownBy(() -> configuration.retentionSettings(longerDays, configuration.warmupSettings(longerDays)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention.delivery-hours (PT72H) must be longer than the day window the tick reads "
                        + "(rules.sending-day + tick.period + 1 h, PT74H)");
        WarmupProperties justLonger = bindValidated(Map.of("email-engine.warmup.retention.provider-signals", "61m",
                "email-engine.warmup.retention.delivery-hours", "27h"));
        assertThat(configuration.retentionSettings(justLonger, configuration.warmupSettings(justLonger)))
                .as("a minute beyond the signal window and an hour beyond the day window are enough")
                .isEqualTo(new RetentionSettings(Duration.ofMinutes(61), Duration.ofHours(27), 10_000, 100));
    }

    @Test
    void retentionChunksOutOfRangeAreRejectedWhenTheSettingsAreBound() {
        for (Map<String, String> wrong : List.of(
                Map.of("email-engine.warmup.retention.chunk-rows", "0"),
                Map.of("email-engine.warmup.retention.chunk-rows", "1000001"),
                Map.of("email-engine.warmup.retention.max-chunks-per-run", "0"))) {
            String setting = wrong.keySet().iterator().next();
            assertThatThrownBy(() -> bindValidated(wrong)).as(setting + " = " + wrong.get(setting))
                    .isInstanceOf(BindException.class)
                    .hasCauseInstanceOf(BindValidationException.class)
                    .hasStackTraceContaining(setting);
        }
    }
}

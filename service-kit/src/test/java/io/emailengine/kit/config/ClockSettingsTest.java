package io.emailengine.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.time.AcceleratedClock;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ClockSettingsTest {

    private static EmailEngineProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("email-engine", EmailEngineProperties.class);
    }

    @Test
    void withoutClockSettingsTheServiceRunsOnTheRealUtcClock() {
        Clock clock = new KitAutoConfiguration().clock(bind(Map.of()));

        assertThat(clock).isEqualTo(Clock.systemUTC());
    }

    @Test
    void aSpeedWithoutAnOriginStopsStartUpNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KitAutoConfiguration().clock(bind(Map.of(
                        "email-engine.clock.speed", "2880"))))
                .hasMessageContaining("email-engine.clock.origin (EMAIL_ENGINE_CLOCK_ORIGIN) is required");
    }

    @Test
    void aSpeedWithOriginAndStartGivesTheSharedAcceleratedClock() {
        Clock clock = new KitAutoConfiguration().clock(bind(Map.of(
                "email-engine.clock.speed", "2880",
                "email-engine.clock.origin", "2026-11-28T10:00:00Z",
                "email-engine.clock.start", "2026-12-01T00:00:00Z")));

        assertThat(clock).isInstanceOfSatisfying(AcceleratedClock.class, accelerated -> {
            assertThat(accelerated.speed()).isEqualTo(2880.0);
            assertThat(accelerated.origin()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
            assertThat(accelerated.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        });
    }
}

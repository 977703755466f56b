package io.emailengine.events.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AcceleratedClockTest {

    private static final Instant ORIGIN = Instant.parse("2026-11-28T10:00:00Z");

    private static Clock realAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void showsTheStartAtTheOriginAndRunsSpeedTimesFasterAfterIt() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        AcceleratedClock atOrigin = new AcceleratedClock(ORIGIN, start, 2880, realAt(ORIGIN));
        AcceleratedClock thirtySecondsLater = new AcceleratedClock(ORIGIN, start, 2880, realAt(ORIGIN.plusSeconds(30)));

        assertThat(atOrigin.instant()).isEqualTo(start);
        assertThat(thirtySecondsLater.instant()).isEqualTo(start.plus(Duration.ofDays(1)));
    }

    @Test
    void translatesARealInstantIntoSimulatedTime() {
        AcceleratedClock clock = new AcceleratedClock(ORIGIN, ORIGIN, 3600, realAt(ORIGIN));

        assertThat(clock.simulatedAt(ORIGIN.plusSeconds(2))).isEqualTo(ORIGIN.plus(Duration.ofHours(2)));
    }

    @Test
    void twoProcessesWithTheSameSettingsAgreeOnTheSimulatedTime() {
        Instant realNow = ORIGIN.plusMillis(12_345);
        AcceleratedClock one = new AcceleratedClock(ORIGIN, ORIGIN, 600, realAt(realNow));
        AcceleratedClock other = new AcceleratedClock(ORIGIN, ORIGIN, 600, realAt(realNow));

        assertThat(one.instant()).isEqualTo(other.instant()).isEqualTo(ORIGIN.plusMillis(12_345L * 600));
    }

    @Test
    void speedForADayOfThirtySecondsIs2880AndRealDurationsScaleBack() {
        double speed = AcceleratedClock.speedFor(Duration.ofSeconds(30));
        AcceleratedClock clock = new AcceleratedClock(ORIGIN, ORIGIN, speed, realAt(ORIGIN));

        assertThat(speed).isEqualTo(2880.0);
        assertThat(clock.realDurationOf(Duration.ofHours(1))).isEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void rejectsASpeedBelowRealTimeAndADayLongerThanADay() {
        assertThatThrownBy(() -> new AcceleratedClock(ORIGIN, ORIGIN, 0.5, Clock.systemUTC()))
                .hasMessageContaining("clock speed must be between 1 and 100000, was 0.5");
        assertThatThrownBy(() -> new AcceleratedClock(ORIGIN, ORIGIN, 100_001, Clock.systemUTC()))
                .hasMessageContaining("clock speed must be between 1 and 100000");
        assertThatThrownBy(() -> AcceleratedClock.speedFor(Duration.ofDays(2)))
                .hasMessageContaining("a simulated day must last between 0.864 s and 1 day of real time");
    }

    @Test
    void aSpeedOfOneWithOriginAsStartIsTheRealClock() {
        Instant realNow = ORIGIN.plusSeconds(3600);
        AcceleratedClock clock = new AcceleratedClock(ORIGIN, ORIGIN, 1, realAt(realNow));

        assertThat(clock.instant()).isEqualTo(realNow);
        assertThat(clock.millis()).isEqualTo(realNow.toEpochMilli());
    }
}

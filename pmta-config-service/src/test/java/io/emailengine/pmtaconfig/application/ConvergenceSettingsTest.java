package io.emailengine.pmtaconfig.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConvergenceSettingsTest {

    @Test
    void retryWaitDoublesPerConsecutiveFailureUpToTheCap() {
        ConvergenceSettings settings = new ConvergenceSettings(Duration.ofSeconds(2), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofMinutes(1));

        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoffAfter(60)).isEqualTo(Duration.ofMinutes(1));
    }
}

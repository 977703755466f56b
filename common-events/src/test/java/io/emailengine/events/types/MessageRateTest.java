package io.emailengine.events.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRateTest {

    @ParameterizedTest
    @ValueSource(strings = {"1200/h", "83/10m", "5/s", "0/h", "10000/d", "7/2h", "30/90s"})
    void canonicalFormsSurviveParseAndFormat(String text) {
        assertThat(MessageRate.parse(text).toPmta()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
            "500/hr, 500/h",
            "500/60min, 500/h",
            "83/10min, 83/10m",
            "5/sec, 5/s",
            "100/day, 100/d",
            "100/24h, 100/d",
            "100/1h, 100/h",
    })
    void aliasesAndMultipliersAreCanonicalised(String text, String canonical) {
        assertThat(MessageRate.parse(text).toPmta()).isEqualTo(canonical);
    }

    @Test
    void parsedRateHasMessagesAndPeriod() {
        assertThat(MessageRate.parse("83/10m")).isEqualTo(new MessageRate(83, Duration.ofMinutes(10)));
        assertThat(MessageRate.parse("1200/h")).isEqualTo(MessageRate.perHour(1200));
        assertThat(MessageRate.perDay(5).toPmta()).isEqualTo("5/d");
        assertThat(MessageRate.perMinute(5).toPmta()).isEqualTo("5/m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100/week", "-1/h", "100/0h", "100", "/h", "1.5/h", "100/h;reload", "unlimited", "100 /h"})
    void rejectsWhatPowerMtaWouldNotReadAsARate(String text) {
        assertThatThrownBy(() -> MessageRate.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("MessageRate: ");
    }

    @Test
    void rejectsNegativeCountsAndNonPositiveOrFractionalPeriods() {
        assertThatThrownBy(() -> MessageRate.perHour(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageRate(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageRate(1, Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    }
}

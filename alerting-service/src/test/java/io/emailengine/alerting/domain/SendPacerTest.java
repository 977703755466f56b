package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendPacerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final SendPacer pacer = new SendPacer(Duration.ofSeconds(1), 20, 30);

    @Test
    void allowsAboutOneMessagePerSecondPerChat() {
        pacer.recordSend(42, T0);
        assertThat(pacer.earliestSend(42, T0.plusMillis(100))).isEqualTo(T0.plusSeconds(1));
        assertThat(pacer.earliestSend(43, T0.plusMillis(100))).isEqualTo(T0.plusMillis(100));
    }

    @Test
    void allowsTwentyMessagesPerMinuteToAGroupChat() {
        for (int i = 0; i < 20; i++) {
            pacer.recordSend(-100, T0.plusSeconds(i));
        }
        assertThat(pacer.earliestSend(-100, T0.plusSeconds(21))).isEqualTo(T0.plusSeconds(60));
        assertThat(pacer.earliestSend(-100, T0.plusSeconds(61))).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void allowsThirtyMessagesPerSecondOverall() {
        for (int i = 0; i < 30; i++) {
            pacer.recordSend(i + 1, T0.plusMillis(i));
        }
        assertThat(pacer.earliestSend(1000, T0.plusMillis(500))).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void pausesAChatUntilRetryAfterPassed() {
        pacer.pause(7, T0.plusSeconds(3));
        assertThat(pacer.earliestSend(7, T0)).isEqualTo(T0.plusSeconds(3));
        assertThat(pacer.earliestSend(7, T0.plusSeconds(4))).isEqualTo(T0.plusSeconds(4));
    }
}

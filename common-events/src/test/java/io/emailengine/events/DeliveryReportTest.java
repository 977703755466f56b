package io.emailengine.events;

import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryReportTest {

    private static final Instant START = Instant.parse("2026-02-08T21:00:00Z");
    private static final Instant END = Instant.parse("2026-02-08T22:00:00Z");
    private static final SendingIp IP = SendingIp.of("198.51.100.7");

    @Test
    void windowMustEndAfterItStarts() {
        assertThatThrownBy(() -> new DeliveryReport(IP, null, Provider.GMAIL, END, START, 1, 0, 0, 0, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windowEnd must be after windowStart");
        assertThatThrownBy(() -> new DeliveryReport(IP, null, Provider.GMAIL, START, START, 1, 0, 0, 0, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> new DeliveryReport(IP, null, Provider.GMAIL, START, END, 1, -1, 0, 0, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardBounces must be >= 0");
        assertThatThrownBy(() -> new DeliveryReport(IP, null, Provider.GMAIL, START, END, 1, 0, 0, 0, 0,
                Map.of("gmail-421-4.7.28", -3L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signals.gmail-421-4.7.28");
    }
}

package io.emailengine.events;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRaisedTest {

    @Test
    void fingerprintIsThirtyTwoHexCharsAndIndependentOfLabelOrder() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("ip", "203.0.113.10");
        ordered.put("provider", "yahoo");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("provider", "yahoo");
        reversed.put("ip", "203.0.113.10");

        String fingerprint = AlertRaised.fingerprintOf("warmup-service", "provider-paused", ordered);

        assertThat(fingerprint).matches("[0-9a-f]{32}");
        assertThat(AlertRaised.fingerprintOf("warmup-service", "provider-paused", reversed)).isEqualTo(fingerprint);
    }

    @Test
    void fingerprintIsStableAcrossReleases() {
        // Pinned value: changing the algorithm would split firing and resolved alerts across a deploy.
        assertThat(AlertRaised.fingerprintOf("warmup-service", "provider-paused",
                Map.of("ip", "203.0.113.10", "provider", "yahoo")))
                .isEqualTo("0ebfad03cc23172de46ef7808fa6acdf");
    }

    @Test
    void fingerprintDiffersWhenAnyPartDiffers() {
        Map<String, String> labels = Map.of("ip", "203.0.113.10");
        String base = AlertRaised.fingerprintOf("warmup-service", "provider-paused", labels);

        assertThat(AlertRaised.fingerprintOf("bounce-ingest-service", "provider-paused", labels)).isNotEqualTo(base);
        assertThat(AlertRaised.fingerprintOf("warmup-service", "ip-paused", labels)).isNotEqualTo(base);
        assertThat(AlertRaised.fingerprintOf("warmup-service", "provider-paused", Map.of("ip", "203.0.113.11")))
                .isNotEqualTo(base);
        assertThat(AlertRaised.fingerprintOf("a", "bc", Map.of())).isNotEqualTo(AlertRaised.fingerprintOf("ab", "c", Map.of()));
    }

    @Test
    void labelsAreCopiedAndImmutable() {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("ip", "203.0.113.10"));
        AlertRaised alert = new AlertRaised("f1", Severity.INFO, "warmup-service", "s", null, labels, AlertStatus.FIRING);

        labels.put("provider", "gmail");

        assertThat(alert.labels()).containsOnlyKeys("ip");
        assertThatThrownBy(() -> alert.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}

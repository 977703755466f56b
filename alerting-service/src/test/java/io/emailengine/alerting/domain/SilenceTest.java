package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SilenceTest {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private final Silence silence = new Silence(UUID.randomUUID(), "tenant-a",
            List.of(LabelMatcher.of("alertname", "=", "DiskFull"), LabelMatcher.of("host", "=~", "pmta-0[12]")),
            START, START.plusSeconds(3600), "ops-key", "disk swap");

    @Test
    void mutesMatchingAlertsOfItsTenantOnlyInsideItsWindow() {
        Map<String, String> labels = Map.of("alertname", "DiskFull", "host", "pmta-01");
        assertThat(silence.mutes("tenant-a", labels, START.plusSeconds(10))).isTrue();
        assertThat(silence.mutes("tenant-b", labels, START.plusSeconds(10))).isFalse();
        assertThat(silence.mutes("tenant-a", Map.of("alertname", "DiskFull", "host", "pmta-03"), START.plusSeconds(10))).isFalse();
        assertThat(silence.mutes("tenant-a", labels, START.minusSeconds(1))).isFalse();
        assertThat(silence.mutes("tenant-a", labels, START.plusSeconds(3600))).isFalse();
        assertThat(silence.isExpiredAt(START.plusSeconds(3600))).isTrue();
    }

    @Test
    void requiresMatchersAWindowAnAuthorAndAComment() {
        assertThatThrownBy(() -> new Silence(UUID.randomUUID(), "t", List.of(), START, START.plusSeconds(1), "a", "c"))
                .hasMessageContaining("matchers");
        assertThatThrownBy(() -> new Silence(UUID.randomUUID(), "t", silence.matchers(), START, START, "a", "c"))
                .hasMessageContaining("endsAt");
        assertThatThrownBy(() -> new Silence(UUID.randomUUID(), "t", silence.matchers(), START, START.plusSeconds(1), "a", " "))
                .hasMessageContaining("comment");
    }
}

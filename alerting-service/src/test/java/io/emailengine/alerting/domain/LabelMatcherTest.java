package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

    private final Map<String, String> labels = Map.of("host", "pmta-01", "ip", "203.0.113.10");

    @Test
    void supportsTheFourAlertmanagerOperators() {
        assertThat(LabelMatcher.of("host", "=", "pmta-01").matches(labels)).isTrue();
        assertThat(LabelMatcher.of("host", "!=", "pmta-01").matches(labels)).isFalse();
        assertThat(LabelMatcher.of("host", "=~", "pmta-0[12]").matches(labels)).isTrue();
        assertThat(LabelMatcher.of("host", "!~", "pmta-0[12]").matches(labels)).isFalse();
    }

    @Test
    void regexIsAnchoredAndAMissingLabelIsEmpty() {
        assertThat(LabelMatcher.of("host", "=~", "pmta").matches(labels)).isFalse();
        assertThat(LabelMatcher.of("provider", "=", "").matches(labels)).isTrue();
        assertThat(LabelMatcher.of("provider", "=~", ".+").matches(labels)).isFalse();
    }

    @Test
    void rejectsBadNamesOperatorsAndPatternsWithAClearReason() {
        assertThatThrownBy(() -> LabelMatcher.of("bad name", "=", "x")).hasMessageContaining("matcher name");
        assertThatThrownBy(() -> LabelMatcher.of("host", "==", "x")).hasMessageContaining("=, !=, =~, !~");
        assertThatThrownBy(() -> LabelMatcher.of("host", "=~", "(open")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> LabelMatcher.of("host", "=", "x".repeat(257))).hasMessageContaining("at most 256");
    }

    @Test
    void catastrophicBacktrackingStopsWithinItsBudgetAndMatchesNothing() {
        LabelMatcher evil = LabelMatcher.of("host", "=~", "(a+)+$");
        long started = System.nanoTime();
        assertThat(evil.matches(Map.of("host", "a".repeat(40) + "!"))).isFalse();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }
}

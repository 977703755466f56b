package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void theSameMessageIdWithOrWithoutAngleBracketsAndBlanksIsOneKeyButCaseCounts() {
        assertThat(MessageIds.normalise("<m1.cmp@news.example>")).isEqualTo("m1.cmp@news.example");
        assertThat(MessageIds.normalise("  m1.cmp@news.example ")).isEqualTo("m1.cmp@news.example");
        assertThat(MessageIds.normalise(" < m1.cmp@news.example > ")).isEqualTo("m1.cmp@news.example");
        assertThat(MessageIds.normalise("<M1.cmp@news.example>")).isNotEqualTo(MessageIds.normalise("<m1.cmp@news.example>"));
        assertThat(MessageIds.hash("m1.cmp@news.example")).isEqualTo(MessageIds.hash(MessageIds.normalise("<m1.cmp@news.example>")));
    }

    @Test
    void emptyOrOverlongValuesAreNoMessageId() {
        assertThat(MessageIds.normalise(null)).isNull();
        assertThat(MessageIds.normalise(" <> ")).isNull();
        assertThat(MessageIds.normalise("x".repeat(MessageIds.MAX_LENGTH + 1))).isNull();
        assertThat(MessageIds.normalise("x".repeat(MessageIds.MAX_LENGTH))).hasSize(MessageIds.MAX_LENGTH);
    }
}

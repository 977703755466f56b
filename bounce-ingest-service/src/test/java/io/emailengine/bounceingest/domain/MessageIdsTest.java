package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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

    @Test
    void hashOfARawValueIsTheHashOfItsNormalisedForm() {
        for (String raw : List.of("<m1.cmp@news.example>", "  m1.cmp@news.example ", " <\t m1.cmp@news.example > ", "<M1@x>",
                "<grüße.1@news.example>", "<a>", "a", "<" + "x".repeat(MessageIds.MAX_LENGTH) + ">", "x".repeat(MessageIds.MAX_LENGTH))) {
            assertThat(MessageIds.hashOf(raw)).as(raw).isEqualTo(MessageIds.hash(MessageIds.normalise(raw))).isNotEqualTo(MessageIds.NONE);
        }
        for (String none : Arrays.asList(null, "", "  ", " <> ", "< >", "x".repeat(MessageIds.MAX_LENGTH + 1))) {
            assertThat(MessageIds.normalise(none)).as("%s", none).isNull();
            assertThat(MessageIds.hashOf(none)).as("%s", none).isEqualTo(MessageIds.NONE);
        }
    }
}

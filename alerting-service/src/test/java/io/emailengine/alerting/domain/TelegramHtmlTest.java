package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void escapesAmpersandFirstThenAngleBrackets() {
        assertThat(TelegramHtml.escape("<script>&amp;</script> a>b")).isEqualTo("&lt;script&gt;&amp;amp;&lt;/script&gt; a&gt;b");
        assertThat(TelegramHtml.escape(null)).isEmpty();
    }

    @Test
    void plainTextFallbackDropsTagsAndDecodesEntitiesAmpersandLast() {
        assertThat(TelegramHtml.toPlainText("<b>a &amp;lt; b</b> &lt;i&gt; &quot;q&quot;")).isEqualTo("a &lt; b <i> \"q\"");
    }

    @Test
    void leavesShortTextUntouched() {
        assertThat(TelegramHtml.truncate("<b>hi</b>", 4096)).isEqualTo("<b>hi</b>");
    }

    @Test
    void truncatesWithinTheLimitWithoutCuttingAnEntityAndClosesOpenTags() {
        String html = "<b>" + "&amp;".repeat(2000) + "</b>";
        String cut = TelegramHtml.truncate(html, 100);
        assertThat(cut.length()).isLessThanOrEqualTo(100);
        assertThat(cut).startsWith("<b>&amp;").endsWith("&amp;…</b>");
        assertThat(cut.replace("&amp;", "")).isEqualTo("<b>…</b>");
    }

    @Test
    void neverCutsInsideATagOrASurrogatePair() {
        String html = "x".repeat(95) + "<code>" + "😀".repeat(10) + "</code>";
        for (int limit = 90; limit < 120; limit++) {
            String cut = TelegramHtml.truncate(html, limit);
            assertThat(cut.length()).isLessThanOrEqualTo(limit);
            assertThat(cut).doesNotContain("<cod…").doesNotContain("<c…");
            assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
            long opened = cut.split("<code>", -1).length - 1;
            long closed = cut.split("</code>", -1).length - 1;
            assertThat(opened).isEqualTo(closed);
            for (int i = 0; i < cut.length(); i++) {
                if (Character.isHighSurrogate(cut.charAt(i))) {
                    assertThat(Character.isLowSurrogate(cut.charAt(i + 1))).isTrue();
                }
            }
        }
    }

    @Test
    void hostileTextStaysEscapedAfterTruncationAtTelegramsLimit() {
        String hostile = TelegramHtml.escape("<script>&".repeat(2000));
        String cut = TelegramHtml.truncate("<i>" + hostile + "</i>", TelegramHtml.MAX_LENGTH);
        assertThat(cut.length()).isLessThanOrEqualTo(4096);
        assertThat(cut).doesNotContain("<script>").endsWith("…</i>");
        assertThat(cut.replaceAll("&(lt|gt|amp);", "").replace("script", "")).isEqualTo("<i>…</i>");
    }
}

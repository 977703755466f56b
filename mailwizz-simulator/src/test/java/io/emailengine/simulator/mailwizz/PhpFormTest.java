package io.emailengine.simulator.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.simulator.mailwizz.gatewaycopy.PhpQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PHP's parse_str / http_build_query behaviour, as documented in the PHP manual. */
class PhpFormTest {

    @Test
    void parsesBracketNotationIntoNestedArraysInOrder() {
        Map<String, Object> form = PhpForm.parse("EMAIL=a%40b.c&details%5Bstatus%5D=blacklisted&subscribers[0][EMAIL]=x%40y.z"
                + "&subscribers[0][FNAME]=X&subscribers[1][EMAIL]=q%40r.s");
        assertThat(form.get("EMAIL")).isEqualTo("a@b.c");
        assertThat(PhpForm.text(form, "details", "status")).isEqualTo("blacklisted");
        assertThat(PhpForm.text(form, "subscribers", "0", "FNAME")).isEqualTo("X");
        assertThat(PhpForm.text(form, "subscribers", "1", "EMAIL")).isEqualTo("q@r.s");
        assertThat(form.keySet()).containsExactly("EMAIL", "details", "subscribers");
    }

    @Test
    void emptyBracketsAppendAtTheNextIntegerIndex() {
        Map<String, Object> form = PhpForm.parse("a[]=x&a[]=y&a[5]=z&a[]=w");
        @SuppressWarnings("unchecked")
        Map<String, Object> array = (Map<String, Object>) form.get("a");
        assertThat(array).containsExactly(Map.entry("0", "x"), Map.entry("1", "y"), Map.entry("5", "z"), Map.entry("6", "w"));
    }

    @Test
    void decodesPlusAsSpaceKeepsMalformedPercentAndLetsTheLastDuplicateWin() {
        Map<String, Object> form = PhpForm.parse("q=John+%2ASmith%7E&bad=100%&bad2=%zz&dup=1&dup=2&flag&=orphan");
        assertThat(form.get("q")).isEqualTo("John *Smith~");
        assertThat(form.get("bad")).isEqualTo("100%");
        assertThat(form.get("bad2")).isEqualTo("%zz");
        assertThat(form.get("dup")).isEqualTo("2");
        assertThat(form.get("flag")).isEqualTo("");
        assertThat(form).doesNotContainKey("");
    }

    @Test
    void topLevelNamesHaveDotsSpacesAndAnUnclosedBracketTurnedIntoUnderscores() {
        Map<String, Object> form = PhpForm.parse("a.b=1&c+d=2&e[f=3&+lead=4");
        assertThat(form).containsEntry("a_b", "1").containsEntry("c_d", "2").containsEntry("e_f", "3").containsEntry("lead", "4");
    }

    @Test
    void decodesMultiByteUtf8() {
        assertThat(PhpForm.parse("n=%C3%9Cn%C3%AFc%C3%B8d%C3%A9").get("n")).isEqualTo("Ünïcødé");
    }

    @Test
    void buildsExactlyWhatTheGatewaysEncoderBuildsAndParsesItBack() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("EMAIL", "john+doe@example.com");
        body.put("FNAME", "John *Smith~ & Co / 100% ü");
        body.put("details", Map.of("status", "confirmed"));
        body.put("subscribers", List.of(Map.of("EMAIL", "a@b.c")));
        String gateway = PhpQuery.build(body);
        Map<String, Object> parsed = PhpForm.parse(gateway);
        assertThat(PhpForm.build(parsed)).isEqualTo(gateway);
        assertThat(parsed.get("FNAME")).isEqualTo("John *Smith~ & Co / 100% ü");
        assertThat(PhpForm.urlencode("*~ ")).isEqualTo("%2A%7E+");
    }

    @Test
    void ksortOrdersKeysByBytesUppercaseFirst() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("details", "x");
        params.put("X-MW-TIMESTAMP", "1");
        params.put("EMAIL", "e");
        params.put("X-MW-PUBLIC-KEY", "k");
        assertThat(PhpForm.ksort(params).keySet()).containsExactly("EMAIL", "X-MW-PUBLIC-KEY", "X-MW-TIMESTAMP", "details");
    }
}

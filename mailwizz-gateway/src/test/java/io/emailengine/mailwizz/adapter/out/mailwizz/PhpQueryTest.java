package io.emailengine.mailwizz.adapter.out.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what PHP 8's http_build_query / urlencode / ksort(SORT_STRING) return for the same input. */
class PhpQueryTest {

    @Test
    void encodesSpaceAsPlusAndStarAndTildeAsPercentLikePhpUrlencode() {
        assertThat(PhpQuery.build(Map.of("a", "x y*~"))).isEqualTo("a=x+y%2A%7E");
        assertThat(PhpQuery.encode("AZaz09.-_")).isEqualTo("AZaz09.-_");
    }

    @Test
    void percentEncodesReservedCharactersAndUtf8BytesInUppercaseHex() {
        assertThat(PhpQuery.build(Map.of("k", "a&b=c/d+e@f"))).isEqualTo("k=a%26b%3Dc%2Fd%2Be%40f");
        assertThat(PhpQuery.build(Map.of("é", "ü€"))).isEqualTo("%C3%A9=%C3%BC%E2%82%AC");
    }

    @Test
    void writesNestedMapsAndListsInBracketNotationWithEncodedBrackets() {
        Map<String, Object> general = new LinkedHashMap<>();
        general.put("name", "My list");
        general.put("description", "d");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("general", general);
        params.put("subscribers", List.of(Map.of("EMAIL", "a@b.c"), Map.of("EMAIL", "d@e.f")));
        assertThat(PhpQuery.build(params)).isEqualTo(
                "general%5Bname%5D=My+list&general%5Bdescription%5D=d"
                        + "&subscribers%5B0%5D%5BEMAIL%5D=a%40b.c&subscribers%5B1%5D%5BEMAIL%5D=d%40e.f");
    }

    @Test
    void skipsNullsAndWritesBooleansAndNumbersLikePhp() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", null);
        params.put("b", true);
        params.put("c", false);
        params.put("d", 5);
        params.put("e", Map.of());
        assertThat(PhpQuery.build(params)).isEqualTo("b=1&c=0&d=5");
    }

    @Test
    void ksortOrdersTopLevelKeysByBytesUppercaseFirst() {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String key : List.of("b", "details", "X-MW-TIMESTAMP", "_x", "EMAIL", "B", "a")) {
            params.put(key, "1");
        }
        assertThat(PhpQuery.ksort(params).keySet())
                .containsExactly("B", "EMAIL", "X-MW-TIMESTAMP", "_x", "a", "b", "details");
    }
}

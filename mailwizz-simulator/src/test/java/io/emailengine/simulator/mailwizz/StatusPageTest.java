package io.emailengine.simulator.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPageTest {

    @Test
    void everyValueFromMailwizzOrTheApiIsEscaped() {
        String evil = "<img src=x onerror=\"alert('1')\">&";
        StatusPage page = new StatusPage(
                () -> List.of(new DeliveryServer(1, 1L, "smtp-pmta", evil, evil, evil, "active", 10, 100, 0, null)),
                () -> List.of(new QuotaChange(1, 1, 10, 20, 100, 200, Instant.parse("2026-11-28T10:00:00Z"), evil)),
                () -> List.of(new Suppression(Suppression.Kind.BLACKLIST, 1, evil, evil, evil, evil, evil, "s", Instant.EPOCH)),
                () -> Map.of(1L, evil));
        String html = page.render();
        assertThat(html).doesNotContain("<img").doesNotContain("onerror=\"")
                .contains("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;")
                .contains("10 &rarr; 20").contains("100 &rarr; 200");
    }
}

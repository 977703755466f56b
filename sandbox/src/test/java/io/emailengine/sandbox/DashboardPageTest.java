package io.emailengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    private static DashboardPage.IpCurve gmailCurve(String reason) {
        return new DashboardPage.IpCurve("tenant-a", "203.0.113.10", "v203-0-113-10", "WARMING",
                List.of(new DashboardPage.ProviderNow("gmail", "WARMING", 3, 4, 400, 17, null)),
                List.of(new DashboardPage.Point("gmail", START, 200, "START"),
                        new DashboardPage.Point("gmail", START.plusSeconds(86_400), 400, "PROMOTE"),
                        new DashboardPage.Point("gmail", START.plusSeconds(2 * 86_400), 200, "BACK_OFF")),
                List.of(new DashboardPage.DecisionLine(START.plusSeconds(2 * 86_400), "gmail", "BACK_OFF", 400, 200, reason)));
    }

    @Test
    void showsEachIpsCurveItsQuotasAndTheReasonOfItsDecisions() {
        String html = DashboardPage.render(new DashboardPage.Data(START.plusSeconds(3 * 86_400), START, "speed 2880",
                List.of(gmailCurve("hard bounces 3.1% >= 2%")),
                List.of(new String[] {"server", "hourly", "daily"}, new String[] {"1", "17", "400"}), List.of(),
                List.of(new DashboardPage.Alert(START, "-1000000000002", "Warmup back-off on 203.0.113.10")), List.of()));

        assertThat(html).contains("day 4").contains("203.0.113.10").contains("<path")
                .contains("hard bounces 3.1% &gt;= 2%").contains("400 → 200").contains("▼")
                .contains("Warmup back-off on 203.0.113.10").contains("<td class=l>17</td>");
    }

    @Test
    void escapesEverythingThatComesFromOutside() {
        String evil = "<script>x</script>";
        DashboardPage.IpCurve curve = new DashboardPage.IpCurve(evil, evil, evil, evil,
                List.of(new DashboardPage.ProviderNow(evil, evil, 1, 1, 1, 1, evil)),
                List.of(new DashboardPage.Point(evil, START, 1, evil)),
                List.of(new DashboardPage.DecisionLine(START, evil, evil, 1, 1, evil)));
        String html = DashboardPage.render(new DashboardPage.Data(START, START, evil, List.of(curve),
                List.of(new String[] {evil}, new String[] {evil}), List.of(new String[] {evil}, new String[] {evil}),
                List.of(new DashboardPage.Alert(START, evil, "<img src=x onerror=alert(1)>")), List.of("problem <b>")));

        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("problem <b>")
                .contains("&lt;script&gt;x&lt;/script&gt;").contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void aQuotaHoldsAsAStepUntilTheNextDecision() {
        String svg = DashboardPage.svg(gmailCurve("r"), START, START.plusSeconds(2 * 86_400));

        // start at 200, horizontal to day 1 at 200, then up to 400, horizontal to day 2, down to 200, on to now
        assertThat(svg).containsPattern("d='M36\\.0,([0-9.]+) L([0-9.]+),\\1 L\\2,([0-9.]+) L([0-9.]+),\\3 L\\4,\\1");
    }
}

package io.emailengine.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox's page, as a pure function of what was read from the running system: per IP a warmup curve per provider
 * (daily quota over simulated days, back-offs and pauses marked), its current stage and quotas, recent decisions with
 * their reasons, what MailWizz and PowerMTA hold now, and the alerts operators received. Everything from outside is
 * HTML-escaped.
 */
public final class DashboardPage {

    static final Map<String, String> COLOURS = Map.of(
            "gmail", "#d93025", "microsoft", "#0078d4", "yahoo", "#6001d2", "other", "#188038");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int WIDTH = 560;
    private static final int HEIGHT = 180;
    private static final int PAD = 36;

    /** Everything the page shows. */
    public record Data(Instant simulatedNow, Instant simulationStart, String clock, List<IpCurve> ips,
                       List<String[]> mailwizz, List<String[]> pmta, List<Alert> alerts, List<String> problems) {
    }

    /** One IP: where it stands now, its curve and its latest decisions. */
    public record IpCurve(String tenant, String ip, String vmta, String status, List<ProviderNow> providers,
                          List<Point> points, List<DecisionLine> recent) {
    }

    public record ProviderNow(String provider, String phase, int stage, int day, long dailyQuota, long hourlyQuota,
                              String pausedUntil) {
    }

    /** A decision's effect on one provider's daily quota; {@code kind} is the decision kind (PROMOTE, BACK_OFF...). */
    public record Point(String provider, Instant at, long daily, String kind) {
    }

    public record DecisionLine(Instant at, String provider, String kind, long fromDaily, long toDaily, String reason) {
    }

    public record Alert(Instant at, String chat, String text) {
    }

    private DashboardPage() {
    }

    public static String render(Data data) {
        StringBuilder html = new StringBuilder(32 * 1024);
        html.append("<!doctype html><html><head><meta charset=utf-8><meta http-equiv=refresh content=5>")
                .append("<title>Email-Engine sandbox</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:16px;color:#202124}h1{font-size:20px}")
                .append("h2{font-size:16px;margin:18px 0 6px}table{border-collapse:collapse;margin:4px 0}")
                .append("td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}th{background:#f6f6f6}")
                .append("td.l,th.l{text-align:left}.card{display:inline-block;vertical-align:top;border:1px solid #ccc;")
                .append("border-radius:6px;padding:8px;margin:6px;width:600px}.muted{color:#666}.bad{color:#b00020}")
                .append("</style></head><body>");
        html.append("<h1>Email-Engine sandbox</h1><p>Simulated time <b>").append(TIME.format(data.simulatedNow()))
                .append("</b> · day ").append(dayOf(data.simulationStart(), data.simulatedNow())).append(" · ")
                .append(escape(data.clock())).append("</p>");
        for (String problem : data.problems()) {
            html.append("<p class=bad>").append(escape(problem)).append("</p>");
        }
        html.append("<h2>Warmup curves (daily quota per provider; ▼ back-off, ■ pause)</h2>");
        for (IpCurve ip : data.ips()) {
            html.append("<div class=card><b>").append(escape(ip.ip())).append("</b> <span class=muted>")
                    .append(escape(ip.vmta())).append(" · ").append(escape(ip.tenant())).append(" · ")
                    .append(escape(ip.status())).append("</span>");
            html.append(svg(ip, data.simulationStart(), data.simulatedNow()));
            html.append("<table><tr><th class=l>provider</th><th class=l>phase</th><th>stage</th><th>day</th>")
                    .append("<th>daily</th><th>hourly</th><th class=l>paused until</th></tr>");
            for (ProviderNow p : ip.providers()) {
                html.append("<tr><td class=l style='color:").append(colour(p.provider())).append("'>")
                        .append(escape(p.provider())).append("</td><td class=l>").append(escape(p.phase()))
                        .append("</td><td>").append(p.stage()).append("</td><td>").append(p.day()).append("</td><td>")
                        .append(p.dailyQuota()).append("</td><td>").append(p.hourlyQuota()).append("</td><td class=l>")
                        .append(escape(p.pausedUntil() == null ? "" : p.pausedUntil())).append("</td></tr>");
            }
            html.append("</table><table><tr><th class=l>decided (simulated)</th><th class=l>provider</th>")
                    .append("<th class=l>decision</th><th>daily</th><th class=l>why</th></tr>");
            for (DecisionLine d : ip.recent()) {
                html.append("<tr><td class=l>").append(TIME.format(d.at())).append("</td><td class=l>")
                        .append(escape(d.provider())).append("</td><td class=l>").append(escape(d.kind()))
                        .append("</td><td>").append(d.fromDaily()).append(" → ").append(d.toDaily())
                        .append("</td><td class=l>").append(escape(d.reason())).append("</td></tr>");
            }
            html.append("</table></div>");
        }
        table(html, "MailWizz delivery servers (what the gateway wrote)", data.mailwizz());
        table(html, "PowerMTA live config (after the last reload)", data.pmta());
        html.append("<h2>Alerts received on Telegram (newest first)</h2><table><tr><th class=l>sent (simulated)</th>")
                .append("<th class=l>chat</th><th class=l>text</th></tr>");
        for (Alert alert : data.alerts()) {
            html.append("<tr><td class=l>").append(TIME.format(alert.at())).append("</td><td class=l>")
                    .append(escape(alert.chat())).append("</td><td class=l>")
                    .append(escape(alert.text()).replace("\n", "<br>")).append("</td></tr>");
        }
        html.append("</table></body></html>");
        return html.toString();
    }

    private static void table(StringBuilder html, String title, List<String[]> rows) {
        html.append("<h2>").append(escape(title)).append("</h2>");
        if (rows.isEmpty()) {
            html.append("<p class=muted>nothing yet</p>");
            return;
        }
        html.append("<table>");
        for (int r = 0; r < rows.size(); r++) {
            String cell = r == 0 ? "th" : "td";
            html.append("<tr>");
            for (String value : rows.get(r)) {
                html.append('<').append(cell).append(" class=l>").append(escape(value)).append("</").append(cell).append('>');
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    /** A step line per provider: a quota holds until the next decision changes it. */
    static String svg(IpCurve ip, Instant start, Instant now) {
        double days = Math.max(1.0, daysBetween(start, now));
        long max = Math.max(1, ip.points().stream().mapToLong(Point::daily).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=").append(WIDTH).append(" height=").append(HEIGHT).append(" role=img>")
                .append("<line x1=").append(PAD).append(" y1=").append(HEIGHT - PAD / 2).append(" x2=").append(WIDTH)
                .append(" y2=").append(HEIGHT - PAD / 2).append(" stroke='#999'/>")
                .append("<text x=2 y=12 font-size=10>").append(max).append("/day</text>")
                .append("<text x=").append(WIDTH - 60).append(" y=").append(HEIGHT - 2).append(" font-size=10>day ")
                .append(String.format(Locale.ROOT, "%.1f", days)).append("</text>");
        Map<String, List<Point>> byProvider = new LinkedHashMap<>();
        ip.points().stream().sorted(Comparator.comparing(Point::at))
                .forEach(p -> byProvider.computeIfAbsent(p.provider(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Point>> line : byProvider.entrySet()) {
            StringBuilder path = new StringBuilder();
            long previous = -1;
            for (Point p : line.getValue()) {
                double x = x(start, p.at(), days);
                if (previous >= 0) {
                    path.append(" L").append(fmt(x)).append(',').append(fmt(y(previous, max)));
                }
                path.append(previous < 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(y(p.daily(), max)));
                previous = p.daily();
                if (p.kind().equals("BACK_OFF")) {
                    svg.append("<text x=").append(fmt(x - 4)).append(" y=").append(fmt(y(p.daily(), max) - 3))
                            .append(" font-size=10 fill='").append(colour(line.getKey())).append("'>▼</text>");
                } else if (p.kind().equals("PAUSE")) {
                    svg.append("<rect x=").append(fmt(x - 3)).append(" y=").append(fmt(y(p.daily(), max) - 3))
                            .append(" width=6 height=6 fill='").append(colour(line.getKey())).append("'/>");
                }
            }
            if (previous >= 0) {
                path.append(" L").append(fmt(x(start, now, days))).append(',').append(fmt(y(previous, max)));
            }
            svg.append("<path fill=none stroke-width=1.5 stroke='").append(colour(line.getKey())).append("' d='")
                    .append(path).append("'/>");
        }
        int legend = PAD;
        for (String provider : byProvider.keySet()) {
            svg.append("<text x=").append(legend).append(" y=12 font-size=11 fill='").append(colour(provider)).append("'>")
                    .append(escape(provider)).append("</text>");
            legend += 80;
        }
        return svg.append("</svg>").toString();
    }

    private static double x(Instant start, Instant at, double days) {
        return PAD + (WIDTH - PAD - 4) * Math.max(0, daysBetween(start, at)) / days;
    }

    private static double y(long daily, long max) {
        return (HEIGHT - PAD / 2.0) - (HEIGHT - PAD) * (double) daily / max;
    }

    static double daysBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 86_400_000.0;
    }

    static long dayOf(Instant start, Instant now) {
        return (long) Math.floor(daysBetween(start, now)) + 1;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String colour(String provider) {
        return COLOURS.getOrDefault(provider, "#555");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

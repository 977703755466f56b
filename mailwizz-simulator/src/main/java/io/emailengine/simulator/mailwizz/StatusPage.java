package io.emailengine.simulator.mailwizz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The human page at {@code /}: delivery servers and their quotas, the quota change history, the suppressions. */
final class StatusPage implements HttpHandler {

    private static final int SHOWN = 200;

    private final Supplier<List<DeliveryServer>> servers;
    private final Supplier<List<QuotaChange>> changes;
    private final Supplier<List<Suppression>> suppressions;
    private final Supplier<Map<Long, String>> customers;

    StatusPage(Supplier<List<DeliveryServer>> servers, Supplier<List<QuotaChange>> changes, Supplier<List<Suppression>> suppressions,
               Supplier<Map<Long, String>> customers) {
        this.servers = servers;
        this.changes = changes;
        this.suppressions = suppressions;
        this.customers = customers;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                byte[] missing = "not found".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, missing.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(missing);
                }
                return;
            }
            byte[] html = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        }
    }

    String render() {
        Map<Long, String> names = customers.get();
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">")
                .append("<title>MailWizz simulator</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;")
                .append("margin-bottom:2em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}")
                .append("</style></head><body><h1>MailWizz simulator</h1>");
        html.append("<h2>Delivery servers (mw_delivery_server)</h2><table><tr><th>id</th><th>customer</th><th>name</th>")
                .append("<th>hostname</th><th>X-Virtual-MTA</th><th>status</th><th>hourly quota</th><th>daily quota</th>")
                .append("<th>warmup plan</th></tr>");
        for (DeliveryServer s : servers.get()) {
            html.append("<tr><td>").append(s.serverId()).append("</td><td>").append(esc(customer(names, s.customerId())))
                    .append("</td><td>").append(esc(s.name())).append("</td><td>").append(esc(s.hostname())).append("</td><td>")
                    .append(esc(s.virtualMta())).append("</td><td>").append(esc(s.status())).append("</td><td>").append(s.hourlyQuota())
                    .append("</td><td>").append(s.dailyQuota()).append("</td><td>")
                    .append(s.warmupPlanId() == null ? "" : s.warmupPlanId()).append("</td></tr>");
        }
        html.append("</table>");
        List<QuotaChange> history = changes.get();
        html.append("<h2>Quota changes (").append(history.size()).append(", newest first)</h2><table><tr><th>time (UTC)</th>")
                .append("<th>server</th><th>hourly</th><th>daily</th><th>written by</th></tr>");
        for (int i = history.size() - 1; i >= Math.max(0, history.size() - SHOWN); i--) {
            QuotaChange c = history.get(i);
            html.append("<tr><td>").append(esc(c.at().toString())).append("</td><td>").append(c.serverId()).append("</td><td>")
                    .append(c.oldHourly()).append(" &rarr; ").append(c.newHourly()).append("</td><td>").append(c.oldDaily())
                    .append(" &rarr; ").append(c.newDaily()).append("</td><td>").append(esc(c.changedBy())).append("</td></tr>");
        }
        html.append("</table>");
        List<Suppression> done = suppressions.get();
        html.append("<h2>Suppressions (").append(done.size()).append(", newest first)</h2><table><tr><th>time</th><th>customer</th>")
                .append("<th>what</th><th>address</th><th>reason</th><th>campaign</th><th>list</th></tr>");
        for (int i = done.size() - 1; i >= Math.max(0, done.size() - SHOWN); i--) {
            Suppression s = done.get(i);
            html.append("<tr><td>").append(esc(s.at().toString())).append("</td><td>").append(esc(s.customerName()))
                    .append("</td><td>").append(esc(s.kind().name())).append("</td><td>").append(esc(s.email())).append("</td><td>")
                    .append(esc(s.reason())).append("</td><td>").append(esc(s.campaignUid())).append("</td><td>")
                    .append(esc(s.listUid())).append("</td></tr>");
        }
        html.append("</table></body></html>");
        return html.toString();
    }

    private static String customer(Map<Long, String> names, Long id) {
        if (id == null) {
            return "(shared)";
        }
        return names.getOrDefault(id, "customer " + id) + " (" + id + ")";
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

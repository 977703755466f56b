package io.emailengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.emailengine.events.time.AcceleratedClock;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@link DashboardPage} at {@code http://localhost:<port>/}, reading the warmup state through warmup-service's
 * API (admin key) and what the simulators hold. A part that can't be read shows as a problem line, not a blank page.
 */
public final class Dashboard implements Component {

    private final int port;
    private final Clock clock;
    private final Instant simulationStart;
    private final EngineApi warmup;
    private final Supplier<List<Seed.SeedIp>> ips;
    private final Supplier<List<String[]>> mailwizz;
    private final Supplier<List<String[]>> pmta;
    private final TelegramSimulator telegram;
    private HttpServer server;
    private java.util.concurrent.ExecutorService executor;

    public Dashboard(int port, Clock clock, Instant simulationStart, EngineApi warmup, Supplier<List<Seed.SeedIp>> ips,
                     Supplier<List<String[]>> mailwizz, Supplier<List<String[]>> pmta, TelegramSimulator telegram) {
        this.port = port;
        this.clock = clock;
        this.simulationStart = simulationStart;
        this.warmup = warmup;
        this.ips = ips;
        this.mailwizz = mailwizz;
        this.pmta = pmta;
        this.telegram = telegram;
    }

    @Override
    public String name() {
        return "dashboard";
    }

    public String url() {
        return "http://localhost:" + port + "/";
    }

    @Override
    public void start() throws IOException {
        Ports.requireFree(port, "dashboard");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "dashboard");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public List<String> describe() {
        return List.of("Dashboard: " + url() + " (warmup curves, decisions, MailWizz quotas, PowerMTA rates, alerts)");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/")) {
                byte[] body = "Not Found".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] body = DashboardPage.render(collect()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Reads everything the page shows; each failing part becomes a problem line. */
    DashboardPage.Data collect() {
        List<String> problems = new ArrayList<>();
        List<DashboardPage.IpCurve> curves = new ArrayList<>();
        for (Seed.SeedIp ip : ips.get()) {
            try {
                curves.add(curve(ip));
            } catch (IOException | RuntimeException e) {
                problems.add("warmup state of " + ip.ip() + " unavailable: " + e.getMessage());
            }
        }
        List<String[]> mailwizzRows = read("MailWizz", mailwizz, problems);
        List<String[]> pmtaRows = read("PowerMTA", pmta, problems);
        List<DashboardPage.Alert> alerts = new ArrayList<>();
        List<JsonNode> messages = telegram == null ? List.of() : telegram.messages();
        for (int i = messages.size() - 1; i >= 0 && alerts.size() < 20; i--) {
            JsonNode m = messages.get(i);
            // Telegram stamps messages with real time: shown on the simulated clock, like the decisions
            alerts.add(new DashboardPage.Alert(clock instanceof AcceleratedClock accelerated
                    ? accelerated.simulatedAt(Instant.ofEpochSecond(m.path("date").asLong()))
                    : Instant.ofEpochSecond(m.path("date").asLong()),
                    m.path("chat").path("id").asText(), m.path("text").asText().replaceAll("<[^>]*>", "")));
        }
        return new DashboardPage.Data(clock.instant(), simulationStart, clock.toString(), curves, mailwizzRows,
                pmtaRows, alerts, problems);
    }

    private static List<String[]> read(String what, Supplier<List<String[]>> source, List<String> problems) {
        try {
            return source == null ? List.of() : source.get();
        } catch (RuntimeException e) {
            problems.add(what + " state unavailable: " + e.getMessage());
            return List.of();
        }
    }

    private DashboardPage.IpCurve curve(Seed.SeedIp ip) throws IOException {
        String base = "/api/v1/tenants/" + ip.tenant() + "/ips/" + EngineApi.encode(ip.ip()) + "/warmup";
        JsonNode status = warmup.get(base);
        List<DashboardPage.ProviderNow> providers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : iterable(status.path("providers"))) {
            JsonNode v = p.getValue();
            providers.add(new DashboardPage.ProviderNow(p.getKey(), v.path("phase").asText(), v.path("stage").asInt(),
                    v.path("warmupDay").asInt(), v.path("dailyQuota").asLong(), v.path("hourlyQuota").asLong(),
                    v.path("pausedUntil").isNull() ? null : v.path("pausedUntil").asText(null)));
        }
        JsonNode history = warmup.get(base + "/decisions?limit=500");
        List<DashboardPage.Point> points = new ArrayList<>();
        List<DashboardPage.DecisionLine> recent = new ArrayList<>();
        for (JsonNode entry : history) {
            JsonNode d = entry.path("decision");
            Instant at = Instant.parse(entry.path("decidedAt").asText());
            String provider = d.path("provider").asText();
            String kind = d.path("kind").asText();
            points.add(new DashboardPage.Point(provider, at, d.path("toDaily").asLong(), kind));
            if (recent.size() < 6 && !kind.equals("HOLD")) {
                recent.add(new DashboardPage.DecisionLine(at, provider, kind, d.path("fromDaily").asLong(),
                        d.path("toDaily").asLong(), d.path("reason").asText()));
            }
        }
        return new DashboardPage.IpCurve(ip.tenant(), ip.ip(), ip.vmta(), status.path("warmupStatus").asText(),
                providers, points, recent);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        object.fields().forEachRemaining(entries::add);
        return entries;
    }
}

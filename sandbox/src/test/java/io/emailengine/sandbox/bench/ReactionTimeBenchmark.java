package io.emailengine.sandbox.bench;

import io.emailengine.sandbox.EngineApi;
import io.emailengine.sandbox.ProcessMemory;
import io.emailengine.sandbox.Sandbox;
import io.emailengine.sandbox.SandboxOptions;
import io.emailengine.sandbox.SeedData;
import io.emailengine.sandbox.ServiceProcess;
import io.emailengine.simulator.mailwizz.QuotaChange;
import io.emailengine.simulator.pmta.Incident;
import io.emailengine.simulator.pmta.InjectedRecord;
import io.emailengine.simulator.pmta.LiveConfig;
import io.emailengine.simulator.pmta.Reload;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reaction time of the closed loop: from an accounting record carrying a provider block signal (Yahoo TSS04) entering
 * bounce-ingest-service (pushed as PowerMTA's accounting pipe would) to (a) the PowerMTA reload that pauses Yahoo on that
 * IP and (b) the MailWizz quota write that takes Yahoo's volume off the delivery server. Starts the whole sandbox,
 * waits until the seed's warmup runs, then plays {@code incidents} incidents round-robin over the five IPs, one at a time
 * with nothing else in flight, an operator resuming Yahoo after each. Also prints the time to healthy and the sandbox's
 * total resident memory.
 * <p>
 * {@code ./mvnw -B -q -pl sandbox test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.emailengine.sandbox.bench.ReactionTimeBenchmark [-Dexec.args="50 300"]} (incidents, day seconds),
 * from the repository root after {@code ./mvnw -DskipTests install}.
 */
public final class ReactionTimeBenchmark {

    private static final String PROVIDER = "yahoo";
    private static final String PATTERN = "yahoo.rollup";
    private static final Duration DEBOUNCE = Duration.ofSeconds(2); // pmta-config-service's default deploy.debounce
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ssZ", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private ReactionTimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int daySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        SandboxOptions options = new SandboxOptions(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), daySeconds, true, false, Duration.ofSeconds(240), ServiceProcess.ALL_SERVICES, false, false);
        Sandbox sandbox = new Sandbox(options, root());
        long startNanos = System.nanoTime();
        try {
            if (!sandbox.start()) {
                throw new IllegalStateException("the sandbox did not start");
            }
            double healthySeconds = (System.nanoTime() - startNanos) / 1e9;
            awaitYahooFlowingEverywhere(sandbox, Duration.ofMinutes(3));
            long memory = ProcessMemory.residentBytesOfTree();

            List<Double> toReload = new ArrayList<>();
            List<Double> toQuota = new ArrayList<>();
            for (int i = 0; i < incidents; i++) {
                SeedData.SeedServer server = SeedData.SERVERS.get(i % SeedData.SERVERS.size());
                awaitYahooFlowing(sandbox, server, Duration.ofMinutes(2));
                Thread.sleep(DEBOUNCE.toMillis() + 1000); // nothing else in flight: the incident is measured alone
                CompletableFuture<Instant> reloaded = new CompletableFuture<>();
                CompletableFuture<Instant> quotaWritten = new CompletableFuture<>();
                java.util.function.Consumer<Reload> onReload = reload -> {
                    if (reload.ok() && yahooPaused(sandbox.pmta().liveConfig(), server.vmta())) {
                        reloaded.complete(reload.realTime());
                    }
                };
                java.util.function.Consumer<QuotaChange> onQuota = change -> {
                    if (change.serverId() == server.serverId() && change.newHourly() < change.oldHourly()) {
                        quotaWritten.complete(change.at());
                    }
                };
                sandbox.pmta().onReload(onReload);
                sandbox.mailwizz().onQuotaChange(onQuota);
                Instant entered = Instant.now();
                pushBlockSignal(sandbox, server, i);
                try {
                    Instant reloadAt = reloaded.get(60, TimeUnit.SECONDS);
                    Instant quotaAt = quotaWritten.get(60, TimeUnit.SECONDS);
                    toReload.add(Duration.between(entered, reloadAt).toNanos() / 1e9);
                    toQuota.add(Duration.between(entered, quotaAt).toNanos() / 1e9);
                    System.out.printf(Locale.ROOT, "incident %2d on %s: PowerMTA reloaded after %.2f s, MailWizz quota after %.2f s%n",
                            i + 1, server.ip(), toReload.get(toReload.size() - 1), toQuota.get(toQuota.size() - 1));
                } catch (TimeoutException e) {
                    System.out.printf(Locale.ROOT, "incident %2d on %s: no reaction within 60 s%n", i + 1, server.ip());
                } finally {
                    sandbox.pmta().removeReloadListener(onReload);
                    sandbox.mailwizz().removeQuotaChangeListener(onQuota);
                }
                // an operator resumes yahoo (the pause would otherwise last its 2 simulated hours)
                EngineApi.of("warmup-service", sandbox.keys().tenant(server.tenant())).post("/api/v1/tenants/"
                        + server.tenant() + "/ips/" + server.ip() + "/warmup/resume?provider=" + PROVIDER, null);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "Reaction time over %d incidents (Yahoo TSS04 record entering bounce-ingest -> ...), one day = %d s:%n",
                    toReload.size(), daySeconds);
            System.out.printf(Locale.ROOT, "  (a) PowerMTA reloaded with yahoo paused: p50 %.2f s, p99 %.2f s, max %.2f s%n",
                    percentile(toReload, 50), percentile(toReload, 99), percentile(toReload, 100));
            System.out.printf(Locale.ROOT, "  (b) MailWizz quota written:              p50 %.2f s, p99 %.2f s, max %.2f s%n",
                    percentile(toQuota, 50), percentile(toQuota, 99), percentile(toQuota, 100));
            System.out.printf(Locale.ROOT, "  goal: p99 <= debounce (%d s) + 2 s = %d s%n", DEBOUNCE.toSeconds(),
                    DEBOUNCE.toSeconds() + 2);
            System.out.printf(Locale.ROOT, "Time to healthy (all five ready and seeded): %.1f s%n", healthySeconds);
            System.out.printf(Locale.ROOT, "Sandbox resident memory (this JVM + services + PostgreSQL + MariaDB): %d MiB%n",
                    memory / (1024 * 1024));
            if (toReload.size() < incidents) {
                System.out.printf(Locale.ROOT, "%d incidents got no reaction within 60 s%n", incidents - toReload.size());
            }
        } finally {
            sandbox.stop();
        }
        System.exit(0);
    }

    /**
     * One accounting record carrying Yahoo's TSS04 deferral for the IP, pushed to bounce-ingest-service as PowerMTA's
     * accounting pipe would: the moment it enters bounce-ingest is where the reaction time starts.
     */
    private static void pushBlockSignal(Sandbox sandbox, SeedData.SeedServer server, int n) throws Exception {
        String logged = TIME.format(sandbox.clock().instant());
        String csv = "type,timeLogged,orig,rcpt,dsnAction,dsnStatus,dsnDiag,bounceCat,dlvSourceIp,vmta,queue,header_Message-Id\n"
                + "t," + logged + ",bounces@example.com,bench" + n + "@yahoo.com,delayed,4.7.0 (temporary failure),"
                + "\"smtp;421 4.7.0 [TSS04] Messages from " + server.ip() + " temporarily deferred due to unexpected volume or "
                + "user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes\",policy-related,"
                + server.ip() + "," + server.vmta() + ",yahoo.rollup/" + server.vmta() + ",<bench-" + n + "-" + logged.replace(' ', 'T')
                + "@example.com>\n";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + ServiceProcess.spec("bounce-ingest-service").port() + "/api/v1/accounting"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/csv")
                .header("X-Ingest-Token", sandbox.keys().ingestToken())
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"accepted\":1")) {
            throw new IllegalStateException("bounce-ingest refused the signal: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static boolean yahooPaused(LiveConfig config, String vmta) {
        return config.virtualMta(vmta).map(v -> v.domains().get(PATTERN)).map(LiveConfig.DomainLimits::paused).orElse(false);
    }

    private static void awaitYahooFlowingEverywhere(Sandbox sandbox, Duration patience) throws InterruptedException {
        for (SeedData.SeedServer server : SeedData.SERVERS) {
            awaitYahooFlowing(sandbox, server, patience);
        }
    }

    /** Yahoo live (not paused) for the IP in PowerMTA and MailWizz's quota written since. */
    private static void awaitYahooFlowing(Sandbox sandbox, SeedData.SeedServer server, Duration patience)
            throws InterruptedException {
        EngineApi warmup = EngineApi.of("warmup-service", sandbox.keys().admin());
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var status = warmup.get("/api/v1/tenants/" + server.tenant() + "/ips/" + server.ip() + "/warmup");
                boolean engineFlowing = status.path("providers").path(PROVIDER).path("pausedUntil").isNull()
                        && status.path("providers").path(PROVIDER).path("hourlyQuota").asLong() > 0;
                boolean hostFlowing = sandbox.pmta().liveConfig().virtualMta(server.vmta())
                        .map(v -> v.domains().get(PATTERN)).map(l -> !l.paused()).orElse(false);
                if (engineFlowing && hostFlowing) {
                    Thread.sleep(300); // let the MailWizz write of the resume land
                    return;
                }
            } catch (java.io.IOException e) {
                // not ready yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("yahoo did not flow on " + server.ip() + " within " + patience);
    }

    static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static Path root() {
        String configured = System.getProperty("sandbox.root");
        if (configured != null) {
            return Paths.get(configured);
        }
        Path here = Paths.get("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("mvnw")) ? here : here.getParent();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

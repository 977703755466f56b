package io.emailengine.bounceingest.bench;

import io.emailengine.kit.security.ApiKeys;
import io.emailengine.testsupport.RealInfrastructureProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Demonstrates that ingestion streams: generates an accounting file of at least 1 GiB in
 * {@code target/} (≈95% deliveries, deleted afterwards), starts the service in a child JVM with a
 * small heap ({@code -Xmx256m} by default; the broker and PostgreSQL stay in this JVM and its child
 * process) and POSTs the file to {@code /api/v1/accounting}. Prints records/s until the answer and
 * until every BounceReceived is in Kafka, and the child's peak heap: the largest heap occupancy seen
 * just before a garbage collection (exact, from the collector's notifications) and from sampling.
 *
 * <p>Run from the repository root (exec:exec, so that this JVM has the test classpath to hand to
 * the child):
 * <pre>{@code
 * ./mvnw -B -o -q -pl bounce-ingest-service test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-classpath %classpath io.emailengine.bounceingest.bench.LargeFileIngest 1024 256m"
 * }</pre>
 * Arguments: the file size in MiB (default 1024) and the child's {@code -Xmx} (default 256m).
 */
public final class LargeFileIngest {

    private static final String TOKEN = "large-file-ingest-token";

    private LargeFileIngest() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            // The embedded broker leaves non-daemon threads behind: without this a failure would hang.
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        long mebibytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        String maxHeap = args.length > 1 ? args[1] : "256m";
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path file = target.resolve("acct-large-" + ProcessHandle.current().pid() + ".csv");
        Path childLog = target.resolve("large-file-ingest-service.log");
        Process child = null;
        try {
            long started = System.nanoTime();
            long records = IngestBenchmark.generate(file, Long.MAX_VALUE, mebibytes * 1024 * 1024);
            System.out.printf(Locale.ROOT, "generated %,d records, %,.1f MiB in %.0f s%n", records,
                    Files.size(file) / (1024.0 * 1024), (System.nanoTime() - started) / 1e9);

            Map<String, Object> infrastructure = RealInfrastructureProperties.forService("large-file-ingest");
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"),
                    HeapWatchingService.class.getName(),
                    "--server.port=" + port,
                    "--email-engine.bounce-ingest.report-interval=1h",
                    "--email-engine.bounce-ingest.sources[0].name=large",
                    "--email-engine.bounce-ingest.sources[0].token-hash=" + ApiKeys.hash(TOKEN),
                    "--logging.level.root=WARN"));
            infrastructure.forEach((key, value) -> command.add("--" + key + "=" + value));
            child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childLog.toFile()).start();

            HttpClient http = HttpClient.newHttpClient();
            awaitHealthy(http, port, child);
            String url = (String) infrastructure.get("spring.datasource.url");
            String user = (String) infrastructure.get("spring.datasource.username");
            String password = (String) infrastructure.get("spring.datasource.password");
            try (Connection db = DriverManager.getConnection(url, user, password)) {
                try (PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at)
                        VALUES (?, ?, ?, 'pmta-1', null, now())""")) {
                    for (int ip = 0; ip < 20; ip++) {
                        insert.setString(1, "203.0.113." + (10 + ip));
                        insert.setString(2, ip % 2 == 0 ? "tenant-a" : "tenant-b");
                        insert.setString(3, "v203-0-113-" + (10 + ip));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/accounting"))
                        .header("Content-Type", "text/csv").header("X-Ingest-Token", TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).timeout(Duration.ofHours(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double committed = (System.nanoTime() - start) / 1e9;
                if (response.statusCode() != 200 || !response.body().contains("\"accepted\":" + records + ",")) {
                    throw new IllegalStateException("ingest failed: " + response.statusCode() + " " + response.body());
                }
                while (count(db, "SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL)"
                        + " + (SELECT count(*) FROM outbox_event_batch WHERE published_at IS NULL)") > 0) {
                    Thread.sleep(50);
                }
                double published = (System.nanoTime() - start) / 1e9;
                // Relayed events are deleted from the outbox: counted on their topic.
                long events = IngestBenchmark.bounceEvents((String) infrastructure.get("spring.kafka.bootstrap-servers"));
                System.out.printf(Locale.ROOT, "push, committed (HTTP 200)   %,10.0f records/s  (%.1f s)%n", records / committed, committed);
                System.out.printf(Locale.ROOT, "full pipeline into Kafka     %,10.0f records/s  (%.1f s, %,d BounceReceived)%n",
                        records / published, published, events);
            }
            child.destroy();
            if (child.waitFor() != 143 && child.exitValue() != 0) {
                System.out.println("service JVM exited with " + child.exitValue());
            }
            for (String line : Files.readAllLines(childLog)) {
                if (line.startsWith(HeapWatchingService.PREFIX)) {
                    System.out.println(line.substring(HeapWatchingService.PREFIX.length()));
                }
            }
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            Files.deleteIfExists(file);
        }
        // The in-process broker leaves non-daemon threads behind.
        System.exit(0);
    }

    private static void awaitHealthy(HttpClient http, int port, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException("the service JVM exited with " + child.exitValue() + ", see target/large-file-ingest-service.log");
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy within 3 minutes");
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.emailengine.simulator.mailwizz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Figures of the simulator that the sandbox's reaction-time benchmark relies on: how late {@code onQuotaChange}
 * hears of a quota write (the trigger's time is exact; this is only the watcher's delay), and API latency of the
 * calls the gateway makes. Run:
 * <pre>
 * ./mvnw -B -o -q -pl mailwizz-simulator test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.emailengine.simulator.mailwizz.MailwizzSimulatorBenchmark
 * </pre>
 */
public final class MailwizzSimulatorBenchmark {

    private static final int WRITES = 300;
    private static final int CALLS = 500;

    private MailwizzSimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("mailwizz-sim-bench-");
        long began = System.nanoTime();
        try (MailwizzSimulator simulator = new MailwizzSimulator(MailwizzSimulatorOptions.builder(directory)
                .apiKey(ApiCredentials.v2(1, "tenant-a", "key-a"))
                .apiKey(ApiCredentials.v1(2, "tenant-b", "pub-b", "priv-b"))
                .deliveryServer(new DeliveryServerSeed(1, 1L, "203.0.113.10", "203.0.113.10", "v203-0-113-10", 0, 0))
                .build()).start()) {
            System.out.printf(Locale.ROOT, "start (MariaDB + schema + HTTP): %d ms%n", (System.nanoTime() - began) / 1_000_000);

            LinkedBlockingQueue<Long> heardAfterMicros = new LinkedBlockingQueue<>();
            simulator.onQuotaChange(change -> heardAfterMicros.add(Duration.between(change.at(), Instant.now()).toNanos() / 1000));
            try (Connection c = DriverManager.getConnection(simulator.jdbcUrl(), simulator.databaseUser(), simulator.databasePassword());
                 PreparedStatement update = c.prepareStatement("UPDATE `mw_delivery_server` SET hourly_quota = ?, daily_quota = ?"
                         + " WHERE server_id = ? AND warmup_plan_id IS NULL")) {
                for (int i = 1; i <= WRITES; i++) {
                    update.setLong(1, i);
                    update.setLong(2, i * 10L);
                    update.setLong(3, 1);
                    update.executeUpdate();
                    Thread.sleep(3); // spread the writes like a live loop, not one burst
                }
            }
            List<Long> delays = new ArrayList<>();
            while (delays.size() < WRITES) {
                Long delay = heardAfterMicros.poll(10, TimeUnit.SECONDS);
                if (delay == null) {
                    throw new IllegalStateException("only " + delays.size() + " of " + WRITES + " quota changes were heard");
                }
                delays.add(delay);
            }
            report("onQuotaChange delay after the write (" + WRITES + " writes)", delays, "ms", 1000.0);

            MailwizzClient a = MailwizzClient.apiKey(simulator.baseUrl(), "key-a");
            MailwizzClient b = MailwizzClient.signed(simulator.baseUrl(), "pub-b", "priv-b");
            a.get("/lists"); // warm-up
            MailwizzClient nobody = MailwizzClient.apiKey(simulator.baseUrl(), "no-such-key");
            time("refused request (no database work)", i -> nobody.get("/lists"), true);
            time("GET /lists (2.x key)", i -> a.get("/lists"), false);
            time("GET delivery log by new Message-ID (2.x key)", i -> a.get("/campaigns/delivery-logs/email-message-id/"
                    + MailwizzClient.segment("bench" + i + "~u" + i + "=gmail.com@pmta.local")));
            List<String> subscribers = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                subscribers.add(a.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment("bench" + i
                        + "~u" + i + "=gmail.com@pmta.local")).json().path("data").path("record").path("subscriber").path("subscriber_uid")
                        .asText());
            }
            time("POST hard bounce (2.x key)", i -> a.send("POST", "/campaigns/sbcamp0000001/bounces",
                    Map.of("subscriber_uid", subscribers.get(i), "bounce_type", "hard", "message", "5.1.1 user unknown")));
            time("PUT unsubscribe-by-email-from-all-lists (1.x signed)", i -> b.send("PUT",
                    "/lists/subscribers/unsubscribe-by-email-from-all-lists", Map.of("EMAIL", "c" + i + "@yahoo.com")));
        }
    }

    private interface Call {
        MailwizzClient.Response run(int i);
    }

    private static void time(String what, Call call) {
        time(what, call, false);
    }

    private static void time(String what, Call call, boolean refusalExpected) {
        List<Long> micros = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            long t = System.nanoTime();
            MailwizzClient.Response response = call.run(i);
            if (response.status() >= 300 != refusalExpected) {
                throw new IllegalStateException(what + " answered " + response.status() + ": " + response.json());
            }
            micros.add((System.nanoTime() - t) / 1000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(what + String.format(Locale.ROOT, ", %.0f req/s sequential", CALLS / seconds), micros, "ms", 1000.0);
    }

    private static void report(String what, List<Long> values, String unit, double divisor) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Supplier<String> p = () -> String.format(Locale.ROOT, "p50 %.1f %s, p99 %.1f %s, max %.1f %s",
                sorted.get(sorted.size() / 2) / divisor, unit, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / divisor, unit,
                sorted.get(sorted.size() - 1) / divisor, unit);
        System.out.println(what + ": " + p.get());
    }
}

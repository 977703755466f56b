package io.emailengine.simulator.pmta.bench;

import com.jcraft.jsch.ChannelSftp;
import io.emailengine.simulator.pmta.ClientKeys;
import io.emailengine.simulator.pmta.PmtaHostSimulator;
import io.emailengine.simulator.pmta.PmtaSimulatorOptions;
import io.emailengine.simulator.pmta.SshClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two figures of the PowerMTA simulator:
 * <ol>
 *   <li>accounting records per real second the traffic generator writes (generation, CSV, rotation), which bounds
 *       how fast a sandbox clock can run before {@code maxRecordsPerSecond} thins the traffic;</li>
 *   <li>p50/p99 of one deployment round trip as pmta-config-service does it (new SSH session, SFTP upload + rename,
 *       {@code pmta test config}, {@code pmta reload}, {@code pmta --json show vmtas}) — the simulator's share of
 *       the engine's reaction time.</li>
 * </ol>
 * Run:
 * <pre>
 * ./mvnw -B -q -pl pmta-simulator test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test &amp;&amp; \
 *   java -cp "$(cat pmta-simulator/target/bench.classpath):pmta-simulator/target/classes:pmta-simulator/target/test-classes" \
 *     io.emailengine.simulator.pmta.bench.TrafficBenchmark
 * </pre>
 */
public final class TrafficBenchmark {

    private static final int DEPLOYMENTS = 60;

    private TrafficBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("pmta-bench");
        try {
            ManualClock clock = new ManualClock(Instant.parse("2026-11-20T00:00:00Z"));
            Path clientKey = base.resolve("client.key");
            PmtaSimulatorOptions options = PmtaSimulatorOptions.of("pmta-bench", base.resolve("root"))
                    .withClock(clock).withTrafficTick(Duration.ZERO)
                    .withAuthorizedKeys(List.of(ClientKeys.generate(clientKey).getPublic()));
            String golden;
            try (InputStream in = TrafficBenchmark.class.getClassLoader().getResourceAsStream("pmta/engine-two-tenants.conf")) {
                golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try (PmtaHostSimulator host = new PmtaHostSimulator(options)) {
                host.start();
                deployments(host, clientKey, golden);
                traffic(host, clock);
            }
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void traffic(PmtaHostSimulator host, ManualClock clock) {
        host.startTraffic();
        clock.now = clock.now.plus(Duration.ofDays(1));
        host.advanceTraffic();
        long records = 0;
        long started = System.nanoTime();
        for (int day = 0; day < 5; day++) {
            clock.now = clock.now.plus(Duration.ofDays(1));
            records += host.advanceTraffic();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("traffic generator: %d records in %.2f s = %.0f records/s (5 simulated days, golden render: 3 virtual MTAs)%n",
                records, seconds, records / seconds);
    }

    private static void deployments(PmtaHostSimulator host, Path clientKey, String golden) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENTS + 10; i++) {
            long started = System.nanoTime();
            try (SshClient session = SshClient.connect(host.port(), host.hostKeyFingerprint(), clientKey)) {
                ChannelSftp sftp = session.sftp();
                String target = PmtaHostSimulator.ENGINE_INCLUDE_PATH;
                sftp.put(new ByteArrayInputStream(golden.getBytes(StandardCharsets.UTF_8)), target + ".upload", ChannelSftp.OVERWRITE);
                sftp.rename(target + ".upload", target);
                sftp.disconnect();
                for (String command : List.of("pmta test config", "pmta reload", "pmta --json show vmtas")) {
                    if (session.exec(command).exit() != 0) {
                        throw new IllegalStateException(command + " failed");
                    }
                }
            }
            if (i >= 10) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf("deployment round trip (SSH connect, SFTP upload+rename, test config, reload, show vmtas): "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d%n", millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.99) - 1), millis.get(millis.size() - 1), millis.size());
    }

    private static final class ManualClock extends Clock {
        volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

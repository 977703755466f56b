package io.emailengine.simulator.pmta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.time.AcceleratedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic thread as the sandbox runs it: an accelerated clock and the real-time cap. */
class BackgroundTrafficTest {

    @TempDir
    Path base;

    @Test
    void threadFollowsTheAcceleratedClockAndThinsTrafficToTheRealTimeCap() throws Exception {
        // one simulated day in 8.64 s: the golden render's ~4000 records per simulated hour need ~11000 per real second
        AcceleratedClock clock = AcceleratedClock.playingOneDayIn(Duration.ofMillis(8640), Clock.systemUTC());
        int cap = 2000;
        PmtaSimulatorOptions options = PmtaSimulatorOptions.of("pmta-1", base.resolve("root"))
                .withClock(clock).withMaxRecordsPerSecond(cap).withTrafficTick(Duration.ofMillis(50));
        try (PmtaHostSimulator host = new PmtaHostSimulator(options)) {
            host.start();
            Fixtures.install(host, PmtaHostSimulator.ENGINE_INCLUDE_PATH, Fixtures.resource(Fixtures.GOLDEN));
            assertThat(host.execute("pmta reload").exitCode()).isZero();

            long started = System.nanoTime();
            host.startTraffic();
            await().atMost(Duration.ofSeconds(20)).until(() -> host.trafficSummary().total() >= 1500);
            host.stopTraffic();
            double elapsed = (System.nanoTime() - started) / 1e9;
            long written = host.trafficSummary().total();

            assertThat(written).isLessThanOrEqualTo((long) (cap * (elapsed + 0.1) * 1.2) + 100);
            assertThat(host.trafficSummary().count("203.0.113.10", "gmail")).isPositive();
            assertThat(host.trafficSummary().count("203.0.113.10", "yahoo")).isZero();
            List<Path> files;
            try (Stream<Path> listing = Files.list(host.local("/var/log/pmta"))) {
                files = listing.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
            }
            assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(Files.readAllLines(file).get(0)).startsWith("type,timeLogged"));
            assertThat(host.describe()).anySatisfy(line -> assertThat(line).contains("traffic: stopped"));
        }
    }
}

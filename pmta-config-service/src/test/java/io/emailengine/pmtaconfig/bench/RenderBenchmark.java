package io.emailengine.pmtaconfig.bench;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.pmtaconfig.domain.ConfigRenderer;
import io.emailengine.pmtaconfig.domain.ProviderRoute;
import io.emailengine.pmtaconfig.domain.RenderSettings;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import io.emailengine.pmtaconfig.domain.VmtaLimits;
import io.emailengine.pmtaconfig.domain.VmtaState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders one host's include file for N virtual MTAs × 4 providers (default 1,000), including the
 * whitelist validation of every value (building {@link VmtaState}s) and the SHA-256 content hash,
 * as the deployment path does. Prints median, p90 and max over the measured runs after warm-up.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl pmta-config-service test-compile exec:java
 * -Dexec.mainClass=io.emailengine.pmtaconfig.bench.RenderBenchmark -Dexec.classpathScope=test [-Dexec.args="1000 30"]}
 */
public final class RenderBenchmark {

    private RenderBenchmark() {
    }

    public static void main(String[] args) {
        int vmtas = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<ProviderRoute> routes = ProviderCatalogue.defaults().definitions().stream()
                .map(d -> new ProviderRoute(d.provider().name(), d.domains(), d.mxSuffixes())).toList();
        ConfigRenderer renderer = new ConfigRenderer(
                new RenderSettings("/etc/pmta/dkim", "/var/log/pmta/email-engine-acct.csv", "5m", "50M"), routes);

        for (int i = 0; i < 10; i++) {
            renderOnce(renderer, vmtas);
        }
        long[] total = new long[runs];
        long[] renderOnly = new long[runs];
        RenderedConfig last = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<VmtaState> states = states(vmtas);
            long validated = System.nanoTime();
            last = renderer.render("pmta-1", 1, states);
            long end = System.nanoTime();
            total[i] = end - start;
            renderOnly[i] = end - validated;
        }
        System.out.printf(Locale.ROOT, "render %d virtual MTAs x 4 providers, %d runs after 10 warm-up runs:%n", vmtas, runs);
        print("validate + render + sha256", total);
        print("render + sha256 only     ", renderOnly);
        System.out.printf(Locale.ROOT, "  file %d bytes, %d lines%n", last.text().length(), last.text().lines().count());
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %s: median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static RenderedConfig renderOnce(ConfigRenderer renderer, int count) {
        return renderer.render("pmta-1", 1, states(count));
    }

    private static List<VmtaState> states(int count) {
        List<VmtaState> states = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String ip = "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
            states.add(VmtaState.of("v" + ip.replace('.', '-'), ip, "mta" + i + ".mail" + (i % 40) + ".example.com",
                    "mail" + (i % 40) + ".example.com", "s2026", "tenant-" + (i % 7),
                    Map.of("gmail", new VmtaLimits((100 + i) + "/h", 4, 20),
                            "microsoft", new VmtaLimits((50 + i) + "/h", 2, 10),
                            "yahoo", new VmtaLimits("83/10m", 3, 15),
                            "other", new VmtaLimits("1000/h", 10, 50)),
                    i % 10 == 0 ? Set.of("yahoo") : Set.of()));
        }
        return states;
    }
}

package io.emailengine.pmtaconfig.domain;

import io.emailengine.events.provider.ProviderCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Desired states shared by the renderer tests. */
final class RenderFixtures {

    static final RenderSettings SETTINGS = new RenderSettings("/etc/pmta/dkim", "/var/log/pmta/email-engine-acct.csv", "5m", "50M");

    private RenderFixtures() {
    }

    static List<ProviderRoute> catalogueRoutes() {
        return ProviderCatalogue.defaults().definitions().stream()
                .map(d -> new ProviderRoute(d.provider().name(), d.domains(), d.mxSuffixes()))
                .toList();
    }

    static ConfigRenderer renderer() {
        return new ConfigRenderer(SETTINGS, catalogueRoutes());
    }

    static VmtaState vmta(String ip, String helo, String domain, String pool) {
        return VmtaState.of("v" + ip.replace('.', '-'), ip, helo, domain, "s2026", pool,
                Map.of("gmail", new VmtaLimits("1200/h", 4, 20), "microsoft", new VmtaLimits("300/h", 2, 10),
                        "other", new VmtaLimits("83/10m", 10, 50)),
                Set.of("yahoo"));
    }

    static List<VmtaState> twoTenants() {
        return List.of(
                vmta("203.0.113.11", "mta11.mail2.example.net", "mail2.example.net", "tenant-b"),
                vmta("203.0.113.10", "mta10.mail1.example.com", "mail1.example.com", "tenant-a"),
                VmtaState.of("v203-0-113-12", "203.0.113.12", "mta12.mail1.example.com", "mail1.example.com", "s2026",
                        "tenant-a", Map.of("gmail", new VmtaLimits("50/h", 1, 5)), Set.of()));
    }
}

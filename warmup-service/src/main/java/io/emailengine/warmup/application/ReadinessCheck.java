package io.emailengine.warmup.application;

import io.emailengine.warmup.domain.SendingIpSpec;
import java.util.List;

/** Port: DNS readiness of one IP (FCrDNS, SPF, DKIM, DMARC), each check with what was found. */
public interface ReadinessCheck {

    Report check(SendingIpSpec ip);

    record Report(List<Check> checks) {
        public boolean passed() {
            return checks.stream().allMatch(c -> c.passed() || !c.required());
        }
    }

    record Check(String name, boolean required, boolean passed, String found) {
    }
}

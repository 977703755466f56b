package io.emailengine.warmup.adapter.out;

import io.emailengine.warmup.application.ReadinessCheck;
import io.emailengine.warmup.domain.SendingIpSpec;
import java.util.List;

/** Used when DNS readiness checking is switched off: says so instead of pretending checks passed. */
public class ReadinessNotChecked implements ReadinessCheck {

    @Override
    public Report check(SendingIpSpec ip) {
        return new Report(List.of(new Check("dns-readiness", false, false, "not checked: email-engine.warmup.dns.enabled=false")));
    }
}

package io.emailengine.warmup.adapter.in;

import io.emailengine.warmup.application.ReadinessMonitor;
import io.emailengine.warmup.application.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Re-checks the DNS of warming IPs every {@code email-engine.warmup.dns.recheck-interval} (daily). */
@Component
@ConditionalOnProperty(name = "email-engine.warmup.dns.enabled", havingValue = "true", matchIfMissing = true)
class ReadinessScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReadinessScheduler.class);

    private final ReadinessMonitor monitor;
    private final TenantDirectory tenants;

    ReadinessScheduler(ReadinessMonitor monitor, TenantDirectory tenants) {
        this.monitor = monitor;
        this.tenants = tenants;
    }

    @Scheduled(fixedDelayString = "${email-engine.warmup.dns.recheck-interval:24h}",
            initialDelayString = "${email-engine.warmup.dns.recheck-interval:24h}")
    void recheck() {
        try {
            int regressions = monitor.recheckWarming(tenants.tenantsWithIps());
            log.info("DNS readiness re-check done: {} regression(s)", regressions);
        } catch (RuntimeException e) {
            // the next run re-checks everything; no state is lost by skipping one
            log.warn("DNS readiness re-check failed: {}", e.toString());
        }
    }
}

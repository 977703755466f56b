package io.emailengine.warmup.adapter.in;

import io.emailengine.warmup.application.WarmupMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
class MetricsRefresher {

    private static final Logger log = LoggerFactory.getLogger(MetricsRefresher.class);

    private final WarmupMetrics metrics;

    MetricsRefresher(WarmupMetrics metrics) {
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${email-engine.warmup.metrics-refresh:60s}", initialDelayString = "10s")
    void refresh() {
        try {
            metrics.refresh();
        } catch (RuntimeException e) {
            // gauges keep their last values until the next refresh succeeds
            log.warn("warmup gauges not refreshed: {}", e.toString());
        }
    }
}

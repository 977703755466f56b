package io.emailengine.warmup.adapter.in;

import io.emailengine.warmup.application.StatisticsRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges provider signals and hourly delivery counts past their retention every
 * {@code email-engine.warmup.retention.purge-every} (hourly). Safe with several replicas: a purge skips the rows
 * another one is deleting. The first run comes one interval after start-up, as the DNS re-check's does.
 */
@Component
class RetentionScheduler {

    private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);

    private final StatisticsRetention retention;

    RetentionScheduler(StatisticsRetention retention) {
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${email-engine.warmup.retention.purge-every:1h}",
            initialDelayString = "${email-engine.warmup.retention.purge-every:1h}")
    void purge() {
        try {
            retention.purge();
        } catch (RuntimeException e) {
            // chunks already deleted stay deleted; the next run goes on from there
            log.warn("statistics retention purge failed, retrying at the next run: {}", e.toString());
        }
    }
}

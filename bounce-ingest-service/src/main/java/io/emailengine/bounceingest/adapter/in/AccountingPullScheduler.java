package io.emailengine.bounceingest.adapter.in;

import io.emailengine.bounceingest.application.pull.AccountingPull;
import io.emailengine.bounceingest.config.BounceIngestProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pulls every configured host in turn. A failing host is logged, counted and tried again on the
 * next run (its checkpoint is where it stopped), so an outage converges instead of skipping data.
 * Two replicas pulling the same host would only find each other's records as duplicates.
 */
@Component
@ConditionalOnProperty(name = "email-engine.bounce-ingest.pull.enabled", havingValue = "true")
class AccountingPullScheduler {

    private static final Logger log = LoggerFactory.getLogger(AccountingPullScheduler.class);

    private final AccountingPull pull;
    private final BounceIngestProperties properties;
    private final MeterRegistry registry;

    AccountingPullScheduler(AccountingPull pull, BounceIngestProperties properties, MeterRegistry registry) {
        this.pull = pull;
        this.properties = properties;
        this.registry = registry;
    }

    @Scheduled(fixedDelayString = "${email-engine.bounce-ingest.pull.interval:1m}")
    void pullAll() {
        for (BounceIngestProperties.PullHost host : properties.pull().hosts()) {
            try {
                AccountingPull.PullResult result = pull.pull(host.name());
                log.debug("pulled {}: {}", host.name(), result);
            } catch (Exception e) {
                Counter.builder("email_engine_bounce_ingest_sftp_pull_failures").tag("host", host.name())
                        .description("Failed pulls of a PowerMTA host's accounting files").register(registry).increment();
                log.warn("pull of accounting files from {} failed, will retry: {}", host.name(), e.getMessage());
            }
        }
    }
}

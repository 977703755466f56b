package io.emailengine.mailwizz.adapter.in;

import io.emailengine.mailwizz.application.Suppressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works off queued suppressions and purges finished ones; safe on several replicas (rows are leased with
 * SKIP LOCKED; concurrent purges delete each row once).
 */
@Component
@ConditionalOnProperty(name = "email-engine.mailwizz.suppression.enabled", havingValue = "true", matchIfMissing = true)
class SuppressionScheduler {

    private static final Logger log = LoggerFactory.getLogger(SuppressionScheduler.class);
    private static final int MAX_BATCHES_PER_RUN = 20;

    private final Suppressions suppressions;

    SuppressionScheduler(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Scheduled(fixedDelayString = "${email-engine.mailwizz.suppression.poll-interval:2s}", initialDelayString = "1s")
    void processDue() {
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN && suppressions.processDue() > 0; batch++) {
                log.debug("processed a batch of suppressions; continuing");
            }
        } catch (RuntimeException e) {
            log.warn("Processing suppressions failed; next run retries", e);
        }
    }

    @Scheduled(fixedDelayString = "${email-engine.mailwizz.suppression.purge-interval:1h}", initialDelayString = "1m")
    void purgeFinished() {
        try {
            suppressions.purgeFinished();
        } catch (RuntimeException e) {
            log.warn("Purging finished suppressions failed; next run retries", e);
        }
    }
}

package io.emailengine.mailwizz.adapter.in;

import io.emailengine.mailwizz.application.QuotaApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drives quota application (often) and reconciliation (rarely); each run is leader-only via an advisory lock. */
@Component
@ConditionalOnProperty(name = "email-engine.mailwizz.quotas.enabled", havingValue = "true", matchIfMissing = true)
class QuotaScheduler {

    private static final Logger log = LoggerFactory.getLogger(QuotaScheduler.class);
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final QuotaApplier applier;
    private final int batchSize;

    QuotaScheduler(QuotaApplier applier, @Value("${email-engine.mailwizz.quotas.batch-size:500}") int batchSize) {
        this.applier = applier;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${email-engine.mailwizz.quotas.apply-interval:1s}", initialDelayString = "1s")
    void applyDue() {
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN && applier.applyDue() >= batchSize; batch++) {
                log.debug("applied a full batch of desired quotas; continuing");
            }
        } catch (RuntimeException e) {
            log.warn("Applying desired quotas failed; next run retries", e);
        }
    }

    @Scheduled(fixedDelayString = "${email-engine.mailwizz.quotas.reconcile-interval:5m}",
            initialDelayString = "${email-engine.mailwizz.quotas.reconcile-interval:5m}")
    void reconcile() {
        try {
            applier.reconcile();
        } catch (RuntimeException e) {
            log.warn("Quota reconciliation failed; next run retries", e);
        }
    }
}

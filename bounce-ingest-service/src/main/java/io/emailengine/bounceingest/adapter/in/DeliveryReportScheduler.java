package io.emailengine.bounceingest.adapter.in;

import io.emailengine.bounceingest.application.DeliveryReports;
import io.emailengine.bounceingest.application.DedupeRetention;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes ended windows regularly (safe with several replicas: cells are locked with SKIP
 * LOCKED), merges newly remembered Message-ID runs several times a second and forgets dedupe keys past
 * their retention once an hour. Each job has a thread of its own ({@code spring.task.scheduling.pool.size}),
 * so a long report or purge does not hold the merging back.
 */
@Component
class DeliveryReportScheduler {

    private final DeliveryReports reports;
    private final DedupeRetention retention;

    DeliveryReportScheduler(DeliveryReports reports, DedupeRetention retention) {
        this.reports = reports;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${email-engine.bounce-ingest.report-interval:30s}",
            initialDelayString = "${email-engine.bounce-ingest.report-interval:30s}")
    void publishEndedWindows() {
        reports.publishEndedWindows();
    }

    @Scheduled(fixedDelayString = "${email-engine.bounce-ingest.message-merge-interval:100ms}")
    void mergeMessageOrigins() {
        retention.compactMessageOrigins();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldKeys() {
        retention.forgetExpiredKeys();
    }
}

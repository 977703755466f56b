package io.emailengine.bounceingest.adapter.in;

import io.emailengine.bounceingest.application.DeliveryReports;
import io.emailengine.bounceingest.application.DedupeRetention;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes ended windows regularly (safe with several replicas: cells are locked with SKIP
 * LOCKED) and forgets dedupe keys past their retention once an hour.
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

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldKeys() {
        retention.forgetExpiredKeys();
    }
}

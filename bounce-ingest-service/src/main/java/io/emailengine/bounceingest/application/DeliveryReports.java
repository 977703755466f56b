package io.emailengine.bounceingest.application;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.EventEnvelope;
import io.emailengine.kit.outbox.OutboxPublisher;
import java.time.Clock;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: publish the pending counters of every window that has ended as DeliveryReport events.
 * A report carries the counts added since the previous report of that cell, so records that arrive
 * late (a rotated file pulled hours later) are reported as another report for the same window, and
 * the consumer's sum stays exact.
 */
public class DeliveryReports {

    private static final int PAGE = 500;

    private final IngestStore store;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final IngestMetrics metrics;

    public DeliveryReports(IngestStore store, OutboxPublisher outbox, TransactionTemplate tx, Clock clock, IngestMetrics metrics) {
        this.store = store;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @return how many reports were written to the outbox */
    public int publishEndedWindows() {
        int total = 0;
        while (true) {
            Integer published = tx.execute(status -> {
                List<PendingWindow> windows = store.lockPendingWindows(clock.instant(), PAGE);
                // Packed into few outbox rows (random event ids: unique without the outbox's per-row check).
                outbox.publishAllPacked(windows.stream()
                        .map(window -> outbox.serialize(EventEnvelope.<DeliveryReport>of(window.report(), window.tenant(),
                                AccountingIngestion.PRODUCER, clock)))
                        .toList());
                store.markReported(windows);
                return windows.size();
            });
            int count = published == null ? 0 : published;
            total += count;
            metrics.reports(count);
            if (count < PAGE) {
                return total;
            }
        }
    }
}

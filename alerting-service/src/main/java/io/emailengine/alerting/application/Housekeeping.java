package io.emailengine.alerting.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case, run hourly: keeps the history, the send log and the remembered alerts bounded. Firing
 * alerts and unsent messages are never deleted, so nothing still to be delivered is lost.
 * <p>
 * A resolved alert is remembered for {@code resolvedRetention} after its last event: its row is what
 * makes a late, older event of the same fingerprint count as stale instead of firing again (the
 * status only follows the newest event). Once forgotten, such a late event would fire afresh, so the
 * retention must be longer than an {@code AlertRaised} can take to arrive, dead-letter replay included.
 */
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final AlertStore alerts;
    private final NotificationQueue queue;
    private final Duration retention;
    private final Duration resolvedRetention;
    private final Clock clock;

    public Housekeeping(AlertStore alerts, NotificationQueue queue, Duration retention, Duration resolvedRetention,
                        Clock clock) {
        this.alerts = alerts;
        this.queue = queue;
        this.retention = retention;
        this.resolvedRetention = resolvedRetention;
        this.clock = clock;
    }

    public void purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        int history = alerts.purgeHistoryBefore(cutoff);
        int messages = queue.purgeFinishedBefore(cutoff);
        Instant resolvedCutoff = now.minus(resolvedRetention);
        int resolved = alerts.purgeResolvedBefore(resolvedCutoff);
        if (history + messages > 0) {
            log.info("Housekeeping removed {} history entries and {} delivered/failed messages older than {}",
                    history, messages, cutoff);
        }
        if (resolved > 0) {
            log.info("Housekeeping forgot {} alerts resolved before {}", resolved, resolvedCutoff);
        }
    }
}

package io.emailengine.alerting.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case, run hourly: keeps the history and the send log bounded. The current state of every
 * alert and every unsent message are never deleted, so nothing still to be delivered is lost.
 */
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final AlertStore alerts;
    private final NotificationQueue queue;
    private final Duration retention;
    private final Clock clock;

    public Housekeeping(AlertStore alerts, NotificationQueue queue, Duration retention, Clock clock) {
        this.alerts = alerts;
        this.queue = queue;
        this.retention = retention;
        this.clock = clock;
    }

    public void purge() {
        Instant cutoff = clock.instant().minus(retention);
        int history = alerts.purgeHistoryBefore(cutoff);
        int messages = queue.purgeFinishedBefore(cutoff);
        if (history + messages > 0) {
            log.info("Housekeeping removed {} history entries and {} delivered/failed messages older than {}",
                    history, messages, cutoff);
        }
    }
}

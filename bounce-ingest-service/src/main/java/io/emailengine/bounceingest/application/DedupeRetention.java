package io.emailengine.bounceingest.application;

import java.time.Clock;
import java.time.Duration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: bound the dedupe table. A record re-sent after the retention would count again; the
 * retention (default 14 days) is far beyond PowerMTA's file rotation and any shipper's retry window.
 */
public class DedupeRetention {

    private final IngestStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;

    public DedupeRetention(IngestStore store, TransactionTemplate tx, Clock clock, Duration retention) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.retention = retention;
    }

    public int forgetExpiredKeys() {
        Integer forgotten = tx.execute(status -> store.forgetKeysBefore(clock.instant().minus(retention)));
        return forgotten == null ? 0 : forgotten;
    }
}

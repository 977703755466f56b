package io.emailengine.bounceingest.application;

import java.time.Clock;
import java.time.Duration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: bound the dedupe table. A record re-sent after the retention would count again; the
 * retention (default 14 days) is far beyond PowerMTA's file rotation and any shipper's retry window.
 * Also bounds the Message-ID origin map (default 7 days: remote bounces and complaints arrive within
 * days of the delivery), and keeps its index up to date in the background.
 */
public class DedupeRetention {

    private final IngestStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;
    private final Duration originRetention;

    /** @param originRetention how long message origins (Message-ID -> sender) are kept; zero when none are learnt */
    public DedupeRetention(IngestStore store, TransactionTemplate tx, Clock clock, Duration retention, Duration originRetention) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.retention = retention;
        this.originRetention = originRetention;
    }

    /**
     * Indexes the Message-IDs remembered since the last call, apart from the batches that remembered
     * them ({@link IngestStore#indexNewMessageIds()}).
     */
    public long indexNewMessageIds() {
        return store.indexNewMessageIds();
    }

    /** @return the number of dedupe keys and message origins forgotten */
    public int forgetExpiredKeys() {
        Integer forgotten = tx.execute(status -> store.forgetKeysBefore(clock.instant().minus(retention))
                + (originRetention.isZero() ? 0 : store.forgetOriginsBefore(clock.instant().minus(originRetention))));
        return forgotten == null ? 0 : forgotten;
    }
}

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

    /** A merged Message-ID run spans at most this part of the origin retention. */
    static final int LONGEST_RUN_PARTS = 8;

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
     * Merges the Message-ID runs remembered by the batches, apart from them
     * ({@link IngestStore#compactMessageOrigins}): a merged run spans at most an eighth of the
     * retention, so a Message-ID is forgotten at most that late.
     */
    public long compactMessageOrigins() {
        return originRetention.isZero() ? 0 : store.compactMessageOrigins(originRetention.dividedBy(LONGEST_RUN_PARTS));
    }

    /** @return the number of dedupe chunks and message origins forgotten */
    public long forgetExpiredKeys() {
        Long forgotten = tx.execute(status -> store.forgetKeysBefore(clock.instant().minus(retention))
                + (originRetention.isZero() ? 0 : store.forgetOriginsBefore(clock.instant().minus(originRetention))));
        return forgotten == null ? 0 : forgotten;
    }
}

package io.emailengine.kit.config;

import io.emailengine.kit.consumer.IdempotentConsumer;
import io.emailengine.kit.outbox.OutboxRelay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the kit's retention purges every hour (of real time, whatever the service's clock): relayed
 * outbox events and idempotency records.
 *
 * <p>On a thread of its own, not the outbox relay's: a purge can take minutes (the first one of a
 * table that was never purged takes longer), and the relay must keep events flowing meanwhile
 * (an outbox lag above a minute raises an alert). Every instance purges, also one that does not
 * relay; two replicas purging at once do not delete a row twice, and the one that finds its chunk
 * already deleted stops until the next round.
 */
public class KitHousekeeping implements SmartLifecycle {

    /** How often the purges run. */
    static final Duration INTERVAL = Duration.ofHours(1);
    /** The first run waits until start-up has settled (consumers joined, caches warmed). */
    static final Duration FIRST_RUN = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(KitHousekeeping.class);

    private final OutboxRelay relay;
    private final IdempotentConsumer idempotent;
    private final Duration firstRun;
    private ScheduledExecutorService scheduler;

    public KitHousekeeping(OutboxRelay relay, IdempotentConsumer idempotent) {
        this(relay, idempotent, FIRST_RUN);
    }

    KitHousekeeping(OutboxRelay relay, IdempotentConsumer idempotent, Duration firstRun) {
        this.relay = relay;
        this.idempotent = idempotent;
        this.firstRun = firstRun;
    }

    /** One round: each purge runs even if the other failed. */
    void purgeExpired() {
        purge("outbox_event", relay::purgePublished);
        purge("processed_event", idempotent::purgeExpired);
    }

    private static void purge(String table, IntSupplier purge) {
        try {
            int deleted = purge.getAsInt();
            if (deleted > 0) {
                log.info("Purged {} rows of {} older than their retention", deleted, table);
            }
        } catch (RuntimeException e) {
            log.warn("Purge of {} failed, retrying in {}: {}", table, INTERVAL, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kit-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purgeExpired, firstRun.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a running purge, which stops after its current chunk (what it deleted stays deleted). */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}

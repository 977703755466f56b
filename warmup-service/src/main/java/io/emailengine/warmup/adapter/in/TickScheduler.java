package io.emailengine.warmup.adapter.in;

import io.emailengine.warmup.application.TickEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks every check interval whether the current tick period was emitted; every replica asks, the
 * tick ledger lets one of them emit. Checking more often than the period keeps a late replica
 * from skipping a period after a restart.
 */
@Component
@ConditionalOnProperty(name = "email-engine.warmup.tick.enabled", havingValue = "true", matchIfMissing = true)
class TickScheduler {

    private static final Logger log = LoggerFactory.getLogger(TickScheduler.class);

    private final TickEmitter emitter;

    TickScheduler(TickEmitter emitter) {
        this.emitter = emitter;
    }

    @Scheduled(fixedDelayString = "${email-engine.warmup.tick.check-interval:30s}", initialDelayString = "5s")
    void emitIfDue() {
        try {
            emitter.emitDue().ifPresent(tick -> log.info("emitted warmup tick {} for {}", tick.tickId(), tick.tickTime()));
        } catch (RuntimeException e) {
            // The next check retries; the ledger row and the outbox event commit together or not at all.
            log.warn("warmup tick emission failed, retrying at the next check: {}", e.toString());
        }
    }
}

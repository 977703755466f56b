package io.emailengine.warmup.application;

import io.emailengine.events.EventEnvelope;
import io.emailengine.events.WarmupTick;
import io.emailengine.kit.outbox.OutboxPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case: emit the tick of the current period if nobody did. Every replica may call it; the
 * ledger's unique period row lets exactly one of them publish, in the same transaction.
 */
@Service
public class TickEmitter {

    private final TickLedger ledger;
    private final OutboxPublisher outbox;
    private final EngineSettings settings;
    private final Clock clock;

    public TickEmitter(TickLedger ledger, OutboxPublisher outbox, EngineSettings settings, Clock clock) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the tick emitted by this call, empty if this period's tick already exists */
    @Transactional
    public Optional<WarmupTick> emitDue() {
        Instant now = clock.instant();
        long period = settings.tickPeriod().getSeconds();
        Instant periodStart = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
        UUID tickId = UUID.nameUUIDFromBytes(("warmup-tick:" + periodStart).getBytes(StandardCharsets.UTF_8));
        if (!ledger.claim(periodStart, tickId, now)) {
            return Optional.empty();
        }
        WarmupTick tick = new WarmupTick(tickId, periodStart, settings.tickPeriod());
        outbox.publish(EventEnvelope.of(tick, null, settings.producer(), clock));
        return Optional.of(tick);
    }
}

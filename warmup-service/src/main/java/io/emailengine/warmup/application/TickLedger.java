package io.emailengine.warmup.application;

import java.time.Instant;
import java.util.UUID;

/** Port: which tick periods were emitted. Claiming is atomic across replicas. */
public interface TickLedger {

    /** @return true for exactly one caller per period start, whatever the number of replicas */
    boolean claim(Instant periodStart, UUID tickId, Instant now);
}

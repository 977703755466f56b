package io.emailengine.bounceingest.domain;

import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import java.time.Duration;
import java.time.Instant;

/** One delivery-report cell: tenant x IP x provider x window (by the time PowerMTA logged the record). */
public record WindowKey(TenantId tenant, SendingIp ip, Provider provider, Instant windowStart) {

    public static Instant windowStart(Instant loggedAt, Duration window) {
        long size = window.getSeconds();
        long seconds = loggedAt.getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(seconds, size) * size);
    }
}

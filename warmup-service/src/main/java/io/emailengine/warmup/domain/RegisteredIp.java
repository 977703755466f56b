package io.emailengine.warmup.domain;

import io.emailengine.events.types.TenantId;
import java.time.Instant;

/** A sending IP in a tenant's inventory, with its warmup status and plan. */
public record RegisteredIp(
        TenantId tenant,
        SendingIpSpec spec,
        IpStatus status,
        WarmupStatus warmupStatus,
        String planName,
        Instant createdAt,
        Instant updatedAt) {
}

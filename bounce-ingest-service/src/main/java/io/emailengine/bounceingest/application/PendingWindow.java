package io.emailengine.bounceingest.application;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.TenantId;

/** Counters of one cell not yet reported, as the report that will carry them. */
public record PendingWindow(TenantId tenant, DeliveryReport report) {
}

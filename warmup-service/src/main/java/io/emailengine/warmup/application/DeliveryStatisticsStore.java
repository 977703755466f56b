package io.emailengine.warmup.application;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.TenantId;

/** Port: where delivery counts accumulate per tenant x IP x provider x window. */
public interface DeliveryStatisticsStore {

    void add(TenantId tenant, DeliveryReport report);
}

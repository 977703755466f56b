package io.emailengine.warmup.application;

import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import java.time.Instant;

/**
 * Port: where delivery counts accumulate per tenant x IP x provider x window, and provider signals
 * per minute and source. Bounce ingestion reports a signal twice (one BounceReceived per record and
 * a count in the DeliveryReport), so readers take the larger of the two sources, never the sum.
 */
public interface DeliveryStatisticsStore {

    void add(TenantId tenant, DeliveryReport report);

    void addSignal(TenantId tenant, SendingIp ip, Provider provider, String signalCode, Instant at, long count,
                   SignalSource source);

    enum SignalSource { BOUNCE, REPORT }
}

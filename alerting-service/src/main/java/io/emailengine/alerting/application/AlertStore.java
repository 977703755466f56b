package io.emailengine.alerting.application;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.types.TenantId;
import java.time.Instant;

/** Port: alerts keyed by fingerprint with first/last seen, occurrences and current status. */
public interface AlertStore {

    void record(TenantId tenant, AlertRaised alert, Instant seenAt);
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.AlertOccurrence;
import io.emailengine.alerting.domain.StoredAlert;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.types.TenantId;
import java.time.Instant;
import io.emailengine.events.Severity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: alerts keyed by fingerprint with first/last seen, occurrences and current status, plus their history. */
public interface AlertStore {

    /** Folds one event into the alert's state, assigns it to its group and appends it to the history. */
    void record(TenantId tenant, AlertRaised alert, UUID eventId, Instant seenAt, Instant receivedAt, String groupKey);

    /** The severity an alert of this tenant (null: system) currently fires with, if it is firing. */
    Optional<Severity> firingSeverity(TenantId tenant, String fingerprint);

    /** The group's alerts received since {@code since} (this episode), any status. */
    List<StoredAlert> membersOf(String groupKey, Instant since);

    /** Firing alerts of a tenant (null: system) with one of the given severities, for inhibition. */
    List<StoredAlert> firing(String tenant, List<String> severities, int limit);

    /** Current state of a tenant's alerts (null: system), by status or all when status is null; newest first. */
    List<StoredAlert> list(String tenant, String status, int limit);

    /** History entries of a tenant (null: system), optionally one fingerprint, newest first, ids below {@code beforeId}. */
    List<AlertOccurrence> history(String tenant, String fingerprint, long beforeId, int limit);

    /** Deletes history entries received before {@code cutoff}; the alerts' current state is kept. */
    int purgeHistoryBefore(Instant cutoff);

    /**
     * Forgets resolved alerts last received before {@code cutoff}, except members of a group whose episode is
     * still open. Firing alerts are never deleted. A later event with the same fingerprint starts the alert afresh.
     */
    int purgeResolvedBefore(Instant cutoff);
}

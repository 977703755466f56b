package io.emailengine.mailwizz.application;

import io.emailengine.events.types.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: suppression calls waiting for MailWizz, persisted so an outage delays them but never loses them. */
public interface SuppressionStore {

    enum Action { HARD_BOUNCE, COMPLAINT }

    record PendingSuppression(long id, TenantId tenant, Action action, String email, String messageId, String diagnostic,
                              int attempts) {
    }

    /** Idempotent per event id. */
    void enqueue(UUID eventId, TenantId tenant, Action action, String email, String messageId, String diagnostic, Instant now);

    /** Claims due suppressions for {@code lease}: another replica will not take them meanwhile. */
    List<PendingSuppression> claimDue(Instant now, int limit, Duration lease);

    void finish(long id, String state, String outcome, String error, Instant now);

    void retry(long id, Instant nextAttempt, String error);

    long countInState(String state);

    /** Deletes finished suppressions (done, not-found, failed) finished before {@code cutoff}; pending ones stay. */
    int purgeFinishedBefore(Instant cutoff);
}

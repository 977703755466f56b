package io.emailengine.mailwizz.application;

import io.emailengine.events.BounceKind;
import io.emailengine.events.BounceReceived;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.consumer.RejectedEventException;
import io.emailengine.mailwizz.application.MailwizzApi.DeliveryLog;
import io.emailengine.mailwizz.application.SuppressionStore.Action;
import io.emailengine.mailwizz.application.SuppressionStore.PendingSuppression;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Use case: bad addresses stop receiving. A hard bounce becomes a hard campaign bounce found by
 * Message-ID (MailWizz then blacklists the subscriber); without a usable Message-ID the address itself
 * is blacklisted in every list. A complaint unsubscribes the address from every list of the customer,
 * and blacklists it too when the tenant wants that. Calls are queued first and made by a worker, so a
 * MailWizz outage means retry with backoff and converge.
 */
public class Suppressions {

    private static final Logger log = LoggerFactory.getLogger(Suppressions.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final SuppressionStore store;
    private final MailwizzApi api;
    private final GatewayAlerts alerts;
    private final TransactionOperations tx;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Predicate<TenantId> blacklistComplaints;
    private final int batchSize;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration retention;

    public Suppressions(SuppressionStore store, MailwizzApi api, GatewayAlerts alerts, TransactionOperations tx, Clock clock,
                        MeterRegistry meters, Predicate<TenantId> blacklistComplaints, int batchSize, Duration initialBackoff,
                        Duration maxBackoff, Duration retention) {
        this.store = store;
        this.api = api;
        this.alerts = alerts;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
        this.blacklistComplaints = blacklistComplaints;
        this.batchSize = batchSize;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.retention = retention;
    }

    /** Runs inside the idempotent consumer's transaction: only queues, never calls MailWizz. */
    public void accept(EventEnvelope<BounceReceived> event) {
        BounceReceived bounce = event.payload();
        Action action = bounce.kind() == BounceKind.HARD ? Action.HARD_BOUNCE
                : bounce.kind() == BounceKind.COMPLAINT ? Action.COMPLAINT : null;
        if (action == null) {
            return;
        }
        if (event.tenantId() == null) {
            throw new RejectedEventException("BounceReceived " + event.eventId() + " has no tenantId");
        }
        if (!api.knowsTenant(event.tenantId())) {
            throw new RejectedEventException("no MailWizz connection is configured for tenant " + event.tenantId().value());
        }
        if (bounce.messageId() == null && bounce.recipient() == null) {
            count(action, "nothing-to-suppress");
            return;
        }
        store.enqueue(event.eventId(), event.tenantId(), action, bounce.recipient(), bounce.messageId(), diagnostic(bounce),
                clock.instant());
    }

    /** @return how many queued suppressions were attempted */
    public int processDue() {
        List<PendingSuppression> due = tx.execute(status -> store.claimDue(clock.instant(), batchSize, LEASE));
        if (due == null) {
            return 0;
        }
        for (PendingSuppression item : due) {
            process(item);
        }
        return due.size();
    }

    /**
     * Keeps the queue bounded: a finished suppression (with its address, Message-ID and diagnostic) is only
     * kept for {@code retention}, to look up what happened to a bounce. Pending ones are never deleted, so
     * an outage still only delays. Redelivered events stay deduplicated by the consumer's processed events,
     * not by these rows.
     *
     * @return how many finished suppressions were deleted
     */
    public int purgeFinished() {
        Instant cutoff = clock.instant().minus(retention);
        int purged = store.purgeFinishedBefore(cutoff);
        if (purged > 0) {
            log.info("Purged {} finished suppressions older than {}", purged, cutoff);
        }
        return purged;
    }

    private void process(PendingSuppression item) {
        try {
            String outcome = item.action() == Action.HARD_BOUNCE ? hardBounce(item) : complaint(item);
            String state = outcome.startsWith("not-found") ? "not-found" : "done";
            count(item.action(), outcome);
            tx.executeWithoutResult(status -> store.finish(item.id(), state, outcome, null, clock.instant()));
        } catch (MailwizzCallException e) {
            if (e.kind().isTransient()) {
                Duration backoff = backoff(item.attempts());
                count(item.action(), "retry");
                tx.executeWithoutResult(status -> store.retry(item.id(), clock.instant().plus(backoff), e.getMessage()));
                return;
            }
            count(item.action(), "failed-" + e.kind().name().toLowerCase());
            tx.executeWithoutResult(status -> {
                store.finish(item.id(), "failed", e.kind().name().toLowerCase(), e.getMessage(), clock.instant());
                String kind = e.kind() == MailwizzCallException.Kind.AUTH ? "mailwizz-auth-failed" : "mailwizz-suppression-failed";
                alerts.fire(item.tenant(), kind, e.kind() == MailwizzCallException.Kind.AUTH ? Severity.CRITICAL : Severity.WARNING,
                        e.kind() == MailwizzCallException.Kind.AUTH
                                ? "MailWizz refused the gateway's key or route (HTTP 400); suppression not possible"
                                : "MailWizz rejected a suppression call", e.getMessage(), Map.of());
            });
        } catch (RuntimeException e) {
            log.warn("Suppression {} failed unexpectedly; retrying later", item.id(), e);
            tx.executeWithoutResult(status -> store.retry(item.id(), clock.instant().plus(backoff(item.attempts())),
                    e.getClass().getSimpleName()));
        }
    }

    private String hardBounce(PendingSuppression item) {
        String email = item.email();
        if (item.messageId() != null) {
            Optional<DeliveryLog> delivery = api.deliveryLogByMessageId(item.tenant(), item.messageId());
            if (delivery.isPresent()) {
                MailwizzApi.BounceOutcome outcome = api.postHardBounce(item.tenant(), delivery.get().campaignUid(),
                        delivery.get().subscriberUid(), item.diagnostic());
                return outcome == MailwizzApi.BounceOutcome.CREATED ? "bounce-created" : "bounce-duplicate";
            }
        }
        if (email == null) {
            return "not-found-message";
        }
        return api.blacklistEverywhere(item.tenant(), email) > 0 ? "blacklisted-by-email" : "not-found-email";
    }

    private String complaint(PendingSuppression item) {
        String email = item.email();
        if (email == null && item.messageId() != null) {
            email = api.deliveryLogByMessageId(item.tenant(), item.messageId()).map(DeliveryLog::email).orElse(null);
        }
        if (email == null) {
            return "not-found-message";
        }
        boolean unsubscribed = api.unsubscribeFromAllLists(item.tenant(), email);
        boolean blacklisted = blacklistComplaints.test(item.tenant()) && api.blacklistEverywhere(item.tenant(), email) > 0;
        if (blacklisted) {
            return "unsubscribed-and-blacklisted";
        }
        return unsubscribed ? "unsubscribed" : "not-found-email";
    }

    private Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts, 20);
        Duration next = initialBackoff.multipliedBy(factor);
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
    }

    private static String diagnostic(BounceReceived bounce) {
        StringBuilder text = new StringBuilder();
        if (bounce.dsnStatus() != null) {
            text.append(bounce.dsnStatus()).append(' ');
        }
        if (bounce.diagnostic() != null) {
            text.append(bounce.diagnostic());
        } else if (bounce.bounceCategory() != null) {
            text.append(bounce.bounceCategory());
        }
        String result = text.toString().trim();
        return result.isEmpty() ? null : result.length() > 1000 ? result.substring(0, 1000) : result;
    }

    private void count(Action action, String outcome) {
        Counter.builder("email_engine_mailwizz_suppressions")
                .description("Suppression work items finished or retried, by action and outcome")
                .tag("action", action.name().toLowerCase().replace('_', '-')).tag("outcome", outcome)
                .register(meters).increment();
    }
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.GroupKey;
import io.emailengine.alerting.domain.GroupPolicy;
import io.emailengine.alerting.domain.MatchableLabels;
import io.emailengine.alerting.domain.RouteTable;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Use case: an alert was raised or resolved somewhere. Every event is stored (state and history)
 * and its group is told, inside the consumer's transaction; nothing is sent from here — the
 * group evaluator decides when the group speaks, so a storm becomes a few messages.
 */
@Service
public class AlertIntake {

    private final AlertStore store;
    private final GroupStore groups;
    private final RouteTable routes;
    private final GroupPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;

    public AlertIntake(AlertStore store, GroupStore groups, RouteTable routes, GroupPolicy policy, Clock clock,
                       MeterRegistry meters) {
        this.store = store;
        this.groups = groups;
        this.routes = routes;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    public void receive(EventEnvelope<AlertRaised> event) {
        AlertRaised alert = resolvedAsFired(event);
        String tenant = event.tenantId() == null ? null : event.tenantId().value();
        Destination destination = routes.destinationOf(tenant, alert.severity());
        String groupValue = MatchableLabels.groupValue(alert.labels(), alert.source());
        String groupKey = GroupKey.of(tenant, destination, groupValue);
        Instant now = clock.instant();

        store.record(event.tenantId(), alert, event.eventId(), event.occurredAt(), now, groupKey);
        groups.touch(new GroupStore.GroupRef(groupKey, tenant, truncate(groupValue), alert.severity().wireName(),
                destination), alert.status() == AlertStatus.FIRING, now, policy.timers());
        received(alert).increment();
    }

    /**
     * A resolve is the same alert as the one that fired (as in Alertmanager): it keeps the severity it fired with, so it
     * routes to the same chat and group and can close the episode there, whatever severity its producer gave it.
     */
    private AlertRaised resolvedAsFired(EventEnvelope<AlertRaised> event) {
        AlertRaised alert = event.payload();
        if (alert.status() != AlertStatus.RESOLVED) {
            return alert;
        }
        return store.firingSeverity(event.tenantId(), alert.fingerprint())
                .filter(fired -> fired != alert.severity())
                .map(fired -> new AlertRaised(alert.fingerprint(), fired, alert.source(), alert.summary(), alert.details(),
                        alert.labels(), alert.status()))
                .orElse(alert);
    }

    private Counter received(AlertRaised alert) {
        return Counter.builder("email_engine_alerting_alerts_received")
                .description("AlertRaised events received, by severity and status")
                .tag("severity", alert.severity().wireName()).tag("status", alert.status().wireName())
                .register(meters);
    }

    private static String truncate(String value) {
        return value.length() <= 256 ? value : value.substring(0, 256);
    }
}

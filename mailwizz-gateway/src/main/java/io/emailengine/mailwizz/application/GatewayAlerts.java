package io.emailengine.mailwizz.application;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.outbox.OutboxPublisher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Raises and resolves the gateway's alerts through the outbox, in the caller's transaction. The
 * fingerprint depends only on the kind and the labels, so a resolve pairs with its firing.
 */
@Component
public class GatewayAlerts {

    public static final String SOURCE = "mailwizz-gateway";

    private final OutboxPublisher outbox;
    private final Clock clock;

    public GatewayAlerts(OutboxPublisher outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void fire(TenantId tenant, String kind, Severity severity, String summary, String details, Map<String, String> labels) {
        publish(tenant, kind, severity, summary, details, labels, AlertStatus.FIRING);
    }

    public void resolve(TenantId tenant, String kind, String summary, Map<String, String> labels) {
        publish(tenant, kind, Severity.INFO, summary, null, labels, AlertStatus.RESOLVED);
    }

    private void publish(TenantId tenant, String kind, Severity severity, String summary, String details, Map<String, String> labels,
                         AlertStatus status) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("tenant", tenant.value());
        all.put("kind", kind);
        AlertRaised alert = new AlertRaised(AlertRaised.fingerprintOf(SOURCE, kind, all), severity, SOURCE, summary, details, all,
                status);
        outbox.publish(EventEnvelope.of(alert, tenant, SOURCE, clock));
    }
}

package io.emailengine.pmtaconfig.application;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.Severity;
import io.emailengine.kit.outbox.OutboxPublisher;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Firing and resolving the deployment alerts of a host; call inside the transaction that records the outcome. */
@Component
public class DeploymentAlerts {

    static final String SOURCE = "pmta-config-service";

    private final OutboxPublisher outbox;
    private final Clock clock;

    public DeploymentAlerts(OutboxPublisher outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void deploymentFailed(String hostId, PmtaHostClient.Outcome outcome, boolean rolledBack) {
        boolean keyMismatch = outcome == PmtaHostClient.Outcome.HOST_KEY_REJECTED;
        publish(hostId, keyMismatch ? "PmtaHostKeyMismatch" : "PmtaDeploymentFailed",
                keyMismatch ? Severity.CRITICAL : Severity.WARNING, AlertStatus.FIRING,
                keyMismatch ? "PowerMTA host " + hostId + " presented an SSH host key other than the pinned one"
                        : "PowerMTA config deployment to " + hostId + " failed: " + outcome,
                keyMismatch ? "Connection refused before anything was uploaded. Verify the host and re-pin its key."
                        : (rolledBack ? "The previous config was restored and reloaded. " : "")
                        + "The service keeps retrying with backoff until the host converges.");
    }

    public void recovered(String hostId) {
        publish(hostId, "PmtaDeploymentFailed", Severity.WARNING, AlertStatus.RESOLVED,
                "PowerMTA config deployment to " + hostId + " succeeded again", null);
        publish(hostId, "PmtaHostKeyMismatch", Severity.CRITICAL, AlertStatus.RESOLVED,
                "PowerMTA host " + hostId + " presents its pinned SSH host key again", null);
    }

    private void publish(String hostId, String alertName, Severity severity, AlertStatus status, String summary, String details) {
        Map<String, String> labels = Map.of("alertname", alertName, "host", hostId);
        AlertRaised alert = new AlertRaised(AlertRaised.fingerprintOf(SOURCE, alertName, labels), severity, SOURCE,
                summary, details, labels, status);
        outbox.publish(EventEnvelope.of(alert, null, SOURCE, clock));
    }
}

package io.emailengine.alerting.domain;

import io.emailengine.events.Severity;
import java.util.Set;

/**
 * One routing rule: alerts of {@code tenant} with one of {@code severities} go to a chat (and
 * topic). An empty severity set means every severity.
 */
public record Route(String tenant, Set<Severity> severities, long chatId, Long threadId) {

    public Route {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("route tenant is required (system alerts go to the admin chat)");
        }
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }

    boolean covers(String alertTenant, Severity severity) {
        return tenant.equals(alertTenant) && (severities.isEmpty() || severities.contains(severity));
    }
}

package io.emailengine.alerting.adapter.in;

import io.emailengine.alerting.application.AlertQueries;
import io.emailengine.alerting.domain.AlertOccurrence;
import io.emailengine.alerting.domain.StoredAlert;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Current alerts and their history: a tenant's under its own path, system alerts under /admin. */
@RestController
class AlertsController {

    private final AlertQueries queries;

    AlertsController(AlertQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/tenants/{tenant}/alerts")
    List<AlertView> alerts(@PathVariable String tenant, @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "100") int limit) {
        return queries.alerts(tenant(tenant), status, limit).stream().map(AlertView::of).toList();
    }

    @GetMapping("/api/v1/tenants/{tenant}/alerts/history")
    List<OccurrenceView> history(@PathVariable String tenant, @RequestParam(required = false) String fingerprint,
                                 @RequestParam(required = false) Long before,
                                 @RequestParam(defaultValue = "100") int limit) {
        return queries.history(tenant(tenant), fingerprint, before, limit).stream().map(OccurrenceView::of).toList();
    }

    @GetMapping("/api/v1/admin/alerts")
    List<AlertView> systemAlerts(@RequestParam(required = false) String status,
                                 @RequestParam(defaultValue = "100") int limit) {
        return queries.alerts(null, status, limit).stream().map(AlertView::of).toList();
    }

    @GetMapping("/api/v1/admin/alerts/history")
    List<OccurrenceView> systemHistory(@RequestParam(required = false) String fingerprint,
                                       @RequestParam(required = false) Long before,
                                       @RequestParam(defaultValue = "100") int limit) {
        return queries.history(null, fingerprint, before, limit).stream().map(OccurrenceView::of).toList();
    }

    private static String tenant(String tenant) {
        return TenantAccess.requireTenant(new TenantId(tenant)).value();
    }

    /** {@code muted}: a silence or an inhibition keeps it out of Telegram right now. */
    record AlertView(String fingerprint, String tenant, String severity, String source, String summary, String details,
                     Map<String, String> labels, String status, boolean muted, Instant firstSeen, Instant lastSeen,
                     long occurrences) {

        static AlertView of(AlertQueries.AlertState state) {
            StoredAlert a = state.alert();
            return new AlertView(a.fingerprint(), a.tenant(), a.severity().wireName(), a.source(), a.summary(),
                    a.details(), a.labels(), a.status().wireName(), state.muted(), a.firstSeen(), a.lastSeen(),
                    a.occurrences());
        }
    }

    record OccurrenceView(long id, UUID eventId, String fingerprint, String severity, String source, String summary,
                          String details, Map<String, String> labels, String status, Instant occurredAt,
                          Instant receivedAt) {

        static OccurrenceView of(AlertOccurrence o) {
            return new OccurrenceView(o.id(), o.eventId(), o.fingerprint(), o.severity().wireName(), o.source(),
                    o.summary(), o.details(), o.labels(), o.status().wireName(), o.occurredAt(), o.receivedAt());
        }
    }
}

package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.kit.security.TenantPrincipal;
import io.emailengine.kit.web.ApiError;
import io.emailengine.kit.web.NotFoundException;
import io.emailengine.pmtaconfig.application.PmtaHostClient;
import io.emailengine.pmtaconfig.application.QueueControl;
import io.emailengine.pmtaconfig.application.QueueMonitor;
import io.emailengine.pmtaconfig.domain.PmtaHostStatus;
import io.emailengine.pmtaconfig.domain.UnreadablePmtaOutputException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host's queues: list them (live), pause or resume one. A tenant only sees and acts on its own virtual MTAs
 * (another tenant's answers 404); host totals, which cover every tenant's mail, are for admins only.
 */
@RestController
class QueueController {

    private static final Logger log = LoggerFactory.getLogger(QueueController.class);

    private final QueueControl queues;
    private final QueueMonitor monitor;
    private final Clock clock;

    QueueController(QueueControl queues, QueueMonitor monitor, Clock clock) {
        this.queues = queues;
        this.monitor = monitor;
        this.clock = clock;
    }

    record QueueView(String queue, String domain, String vmta, String provider, long recipients, long messages, Long kb,
                     Integer connections, boolean paused) {

        static QueueView of(QueueMonitor.ProviderQueue q) {
            return new QueueView(q.queue().name(), q.queue().domain(), q.queue().vmta(), q.provider(), q.queue().recipients(),
                    q.queue().messages(), q.queue().kb(), q.queue().connections(), q.queue().paused());
        }
    }

    /** @param status host totals, admins only; {@code skipped} lists unreadable entries (admins only) */
    record QueueListView(String host, Instant readAt, List<QueueView> queues, List<String> skipped, PmtaHostStatus status) {
    }

    @GetMapping("/api/v1/pmta-hosts/{hostId}/queues")
    QueueListView list(@PathVariable String hostId) {
        TenantPrincipal caller = TenantAccess.caller();
        Optional<String> tenant = caller.admin() ? Optional.empty() : Optional.of(TenantAccess.callerTenant().value());
        QueueMonitor.HostQueues listed = monitor.list(hostId, tenant);
        return new QueueListView(listed.host(), listed.readAt(), listed.queues().stream().map(QueueView::of).toList(),
                listed.skipped(), tenant.isEmpty() ? monitor.status(hostId) : null);
    }

    @PostMapping("/api/v1/pmta-hosts/{hostId}/queues/{domain}/{vmta}/pause")
    ResponseEntity<QueueControl.QueueResult> pause(@PathVariable String hostId, @PathVariable String domain,
                                                   @PathVariable String vmta) {
        return apply(hostId, domain, vmta, QueueControl.Action.PAUSE);
    }

    @PostMapping("/api/v1/pmta-hosts/{hostId}/queues/{domain}/{vmta}/resume")
    ResponseEntity<QueueControl.QueueResult> resume(@PathVariable String hostId, @PathVariable String domain,
                                                    @PathVariable String vmta) {
        return apply(hostId, domain, vmta, QueueControl.Action.RESUME);
    }

    private ResponseEntity<QueueControl.QueueResult> apply(String hostId, String domain, String vmta, QueueControl.Action action) {
        String owner = queues.ownerOf(hostId, vmta).orElseThrow(() -> new NotFoundException("virtual MTA not found"));
        TenantAccess.requireOwned(vmta, new TenantId(owner), "virtual MTA");
        QueueControl.QueueResult result = queues.apply(hostId, domain, vmta, action);
        return ResponseEntity.status(result.ok() ? HttpStatus.OK : HttpStatus.BAD_GATEWAY).body(result);
    }

    /** The host could not be asked or its answer read: 502; the details (host output) go to admins only. */
    @ExceptionHandler({PmtaHostClient.HostUnreachableException.class, PmtaHostClient.HostKeyRejectedException.class,
            UnreadablePmtaOutputException.class})
    ResponseEntity<ApiError> hostFailed(RuntimeException e, HttpServletRequest request) {
        log.warn("Queue request {} failed: {}", request.getRequestURI(), e.getMessage());
        String message = TenantAccess.caller().admin()
                ? (e instanceof UnreadablePmtaOutputException ? e.getMessage() : "PowerMTA host could not be reached: " + e.getMessage())
                : "the PowerMTA host could not be asked or its answer could not be read";
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(new ApiError(HttpStatus.BAD_GATEWAY.value(),
                HttpStatus.BAD_GATEWAY.getReasonPhrase(), message, request.getRequestURI(), List.of(), clock.instant()));
    }
}

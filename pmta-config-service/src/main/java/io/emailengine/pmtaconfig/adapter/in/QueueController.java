package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.kit.web.NotFoundException;
import io.emailengine.pmtaconfig.application.QueueControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pause or resume one queue; a tenant only on its own virtual MTAs (another tenant's answers 404). */
@RestController
class QueueController {

    private final QueueControl queues;

    QueueController(QueueControl queues) {
        this.queues = queues;
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
}

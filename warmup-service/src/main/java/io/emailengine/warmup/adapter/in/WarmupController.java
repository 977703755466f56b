package io.emailengine.warmup.adapter.in;

import static io.emailengine.warmup.adapter.in.IpInventoryController.actor;
import static io.emailengine.warmup.adapter.in.IpInventoryController.tenant;
import io.emailengine.warmup.application.AuditLog;
import io.emailengine.warmup.application.DecisionLog;
import io.emailengine.warmup.application.WarmupOperations;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API of an IP's warmup: start, pause, resume, abort, status, decision history; and the tenant summary. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class WarmupController {

    private final WarmupOperations operations;

    WarmupController(WarmupOperations operations) {
        this.operations = operations;
    }

    @PostMapping("/ips/{ip}/warmup/start")
    WarmupOperations.WarmupStatusView start(@PathVariable String tenant, @PathVariable String ip,
                                            @RequestBody(required = false) StartRequest request) {
        StartRequest r = request == null ? new StartRequest(null, false) : request;
        return operations.start(tenant(tenant), ip, r.plan(), Boolean.TRUE.equals(r.force()), actor());
    }

    @PostMapping("/ips/{ip}/warmup/pause")
    WarmupOperations.WarmupStatusView pause(@PathVariable String tenant, @PathVariable String ip,
                                            @RequestParam(required = false) String provider) {
        return operations.pause(tenant(tenant), ip, provider, actor());
    }

    @PostMapping("/ips/{ip}/warmup/resume")
    WarmupOperations.WarmupStatusView resume(@PathVariable String tenant, @PathVariable String ip,
                                             @RequestParam(required = false) String provider) {
        return operations.resume(tenant(tenant), ip, provider, actor());
    }

    @PostMapping("/ips/{ip}/warmup/abort")
    WarmupOperations.WarmupStatusView abort(@PathVariable String tenant, @PathVariable String ip) {
        return operations.abort(tenant(tenant), ip, actor());
    }

    @GetMapping("/ips/{ip}/warmup")
    WarmupOperations.WarmupStatusView status(@PathVariable String tenant, @PathVariable String ip) {
        return operations.status(tenant(tenant), ip);
    }

    @GetMapping("/ips/{ip}/warmup/decisions")
    List<DecisionLog.Entry> decisions(@PathVariable String tenant, @PathVariable String ip,
                                      @RequestParam(defaultValue = "50") int limit) {
        return operations.history(tenant(tenant), ip, limit);
    }

    @GetMapping("/warmup/summary")
    WarmupOperations.TenantSummary summary(@PathVariable String tenant) {
        return operations.summary(tenant(tenant));
    }

    @GetMapping("/audit")
    List<AuditLog.Entry> audit(@PathVariable String tenant,
                                                                 @RequestParam(defaultValue = "100") int limit) {
        return operations.audit(tenant(tenant), limit);
    }

    record StartRequest(String plan, Boolean force) {
    }
}

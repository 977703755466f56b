package io.emailengine.warmup.adapter.in;

import static io.emailengine.warmup.adapter.in.IpInventoryController.actor;
import static io.emailengine.warmup.adapter.in.IpInventoryController.tenant;

import io.emailengine.warmup.application.WarmupOperations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only (the kit secures /api/v1/admin/**): set a provider's stage by hand, audited. */
@RestController
@RequestMapping("/api/v1/admin/tenants/{tenant}/ips/{ip}/warmup")
class AdminWarmupController {

    private final WarmupOperations operations;

    AdminWarmupController(WarmupOperations operations) {
        this.operations = operations;
    }

    @PostMapping("/stage")
    WarmupOperations.WarmupStatusView overrideStage(@PathVariable String tenant, @PathVariable String ip,
                                                    @RequestBody StageOverride request) {
        if (request == null || request.stage() == null) {
            throw new IllegalArgumentException("stage is required");
        }
        return operations.overrideStage(tenant(tenant), ip, request.provider(), request.stage(), actor());
    }

    record StageOverride(String provider, Integer stage) {
    }
}

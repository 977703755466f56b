package io.emailengine.warmup.adapter.in;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.kit.security.TenantPrincipal;
import io.emailengine.warmup.application.Actor;
import io.emailengine.warmup.application.InventoryService;
import io.emailengine.warmup.application.IpRequest;
import io.emailengine.warmup.domain.RegisteredIp;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's sending IPs. The tenant in the path must be the caller's (403), another tenant's IP is not found (404). */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/ips")
class IpInventoryController {

    private final InventoryService inventory;

    IpInventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IpView register(@PathVariable String tenant, @RequestBody IpRequest request) {
        return IpView.of(inventory.register(tenant(tenant), request, actor()));
    }

    @PostMapping("/bulk")
    BulkAnswer registerAll(@PathVariable String tenant, @RequestBody List<IpRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            throw new IllegalArgumentException("body must be a non-empty array of IPs");
        }
        if (requests.size() > 5_000) {
            throw new IllegalArgumentException("at most 5000 IPs per bulk request, was " + requests.size());
        }
        List<InventoryService.BulkLine> lines = inventory.registerAll(tenant(tenant), requests, actor());
        long created = lines.stream().filter(l -> l.outcome().equals("created")).count();
        return new BulkAnswer(created, lines.size() - created, lines);
    }

    @GetMapping
    List<IpView> list(@PathVariable String tenant) {
        return inventory.list(tenant(tenant)).stream().map(IpView::of).toList();
    }

    @GetMapping("/{ip}")
    IpView get(@PathVariable String tenant, @PathVariable String ip) {
        return IpView.of(inventory.get(tenant(tenant), ip));
    }

    @PutMapping("/{ip}")
    IpView update(@PathVariable String tenant, @PathVariable String ip, @RequestBody IpRequest request) {
        return IpView.of(inventory.update(tenant(tenant), ip, request, actor()));
    }

    @DeleteMapping("/{ip}")
    IpView retire(@PathVariable String tenant, @PathVariable String ip) {
        return IpView.of(inventory.retire(tenant(tenant), ip, actor()));
    }

    static TenantId tenant(String tenant) {
        TenantId id;
        try {
            id = TenantId.of(tenant);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tenant: " + e.getMessage());
        }
        return TenantAccess.requireTenant(id);
    }

    static Actor actor() {
        TenantPrincipal caller = TenantAccess.caller();
        return new Actor(caller.keyName(), caller.admin());
    }

    record BulkAnswer(long created, long rejected, List<InventoryService.BulkLine> lines) {
    }

    record IpView(String ip, String tenant, String heloHostname, String sendingDomain, String dkimSelector, String hostId,
                  String vmta, String pool, int sendingHours, String status, String warmupStatus, String plan,
                  Instant createdAt, Instant updatedAt) {
        static IpView of(RegisteredIp ip) {
            var s = ip.spec();
            return new IpView(s.ip().value(), ip.tenant().value(), s.heloHostname(), s.sendingDomain(), s.dkimSelector(),
                    s.host().value(), s.vmta().value(), s.pool(), s.sendingHours(), ip.status().name(),
                    ip.warmupStatus().name(), ip.planName(), ip.createdAt(), ip.updatedAt());
        }
    }
}

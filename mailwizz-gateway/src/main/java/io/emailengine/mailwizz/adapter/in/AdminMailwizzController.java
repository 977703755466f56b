package io.emailengine.mailwizz.adapter.in;

import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.DeliveryServerMappings;
import io.emailengine.mailwizz.application.QuotaApplicationStore.Mapping;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators map sending IPs / virtual MTAs to MailWizz delivery servers (admin scope only). */
@RestController
@RequestMapping("/api/v1/admin/mailwizz/tenants/{tenant}/delivery-servers")
class AdminMailwizzController {

    private final DeliveryServerMappings mappings;

    AdminMailwizzController(DeliveryServerMappings mappings) {
        this.mappings = mappings;
    }

    record MapRequest(long serverId) {
    }

    @GetMapping
    List<Mapping> mappings(@PathVariable String tenant) {
        return mappings.mappings(TenantId.of(tenant));
    }

    @PutMapping("/{subject}")
    Mapping map(@PathVariable String tenant, @PathVariable String subject, @RequestBody MapRequest request) {
        return mappings.map(TenantId.of(tenant), subject, request.serverId(), "operator");
    }

    /** Maps servers found through {@code GET /delivery-servers} whose hostname or name is an IP or virtual MTA name. */
    @PostMapping("/discover")
    List<Mapping> discover(@PathVariable String tenant) {
        return mappings.discoverViaApi(TenantId.of(tenant));
    }
}

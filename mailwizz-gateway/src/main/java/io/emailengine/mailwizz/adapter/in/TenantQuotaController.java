package io.emailengine.mailwizz.adapter.in;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.mailwizz.application.DeliveryServerMappings;
import io.emailengine.mailwizz.application.QuotaApplicationStore.QuotaState;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's desired MailWizz quotas per IP and their applied state (only its own). */
@RestController
class TenantQuotaController {

    private final DeliveryServerMappings mappings;

    TenantQuotaController(DeliveryServerMappings mappings) {
        this.mappings = mappings;
    }

    @GetMapping("/api/v1/tenants/{tenant}/mailwizz/quotas")
    List<QuotaState> quotas(@PathVariable String tenant) {
        return mappings.quotaStates(TenantAccess.requireTenant(TenantId.of(tenant)));
    }
}

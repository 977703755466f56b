package io.emailengine.mailwizz.adapter.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.mailwizz.application.MailwizzFacade;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenants' MailWizz facade: lists, subscribers, campaigns and templates of the caller's own MailWizz
 * customer. Answers carry MailWizz's {@code data} (or, for writes, its envelope) unchanged.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/mailwizz")
class TenantMailwizzController {

    private final MailwizzFacade facade;

    TenantMailwizzController(MailwizzFacade facade) {
        this.facade = facade;
    }

    record SubscribeRequest(String email, Map<String, String> fields, String status) {
    }

    record TemplateRequest(String name, String content) {
    }

    @GetMapping("/lists")
    JsonNode lists(@PathVariable String tenant, @RequestParam(defaultValue = "1") int page,
                   @RequestParam(defaultValue = "10") int perPage) {
        return facade.lists(allowed(tenant), page, perPage);
    }

    @GetMapping("/lists/{listUid}")
    JsonNode list(@PathVariable String tenant, @PathVariable String listUid) {
        return facade.list(allowed(tenant), listUid);
    }

    @PostMapping("/lists/{listUid}/subscribers")
    @ResponseStatus(HttpStatus.CREATED)
    JsonNode subscribe(@PathVariable String tenant, @PathVariable String listUid, @RequestBody SubscribeRequest request) {
        return facade.subscribe(allowed(tenant), listUid, request.email(), request.fields(), request.status());
    }

    @GetMapping("/lists/{listUid}/subscribers/search")
    JsonNode search(@PathVariable String tenant, @PathVariable String listUid, @RequestParam String email) {
        return facade.searchByEmail(allowed(tenant), listUid, email);
    }

    @PutMapping("/lists/{listUid}/subscribers/{subscriberUid}/unsubscribe")
    JsonNode unsubscribe(@PathVariable String tenant, @PathVariable String listUid, @PathVariable String subscriberUid) {
        return facade.unsubscribe(allowed(tenant), listUid, subscriberUid);
    }

    @GetMapping("/campaigns")
    JsonNode campaigns(@PathVariable String tenant, @RequestParam(defaultValue = "1") int page,
                       @RequestParam(defaultValue = "10") int perPage) {
        return facade.campaigns(allowed(tenant), page, perPage);
    }

    @GetMapping("/campaigns/{campaignUid}")
    JsonNode campaign(@PathVariable String tenant, @PathVariable String campaignUid) {
        return facade.campaign(allowed(tenant), campaignUid);
    }

    @GetMapping("/campaigns/{campaignUid}/stats")
    JsonNode stats(@PathVariable String tenant, @PathVariable String campaignUid) {
        return facade.campaignStats(allowed(tenant), campaignUid);
    }

    @PutMapping("/campaigns/{campaignUid}/pause-unpause")
    JsonNode pauseUnpause(@PathVariable String tenant, @PathVariable String campaignUid) {
        return facade.pauseUnpause(allowed(tenant), campaignUid);
    }

    @GetMapping("/templates")
    JsonNode templates(@PathVariable String tenant, @RequestParam(defaultValue = "1") int page,
                       @RequestParam(defaultValue = "10") int perPage) {
        return facade.templates(allowed(tenant), page, perPage);
    }

    @PostMapping("/templates")
    @ResponseStatus(HttpStatus.CREATED)
    JsonNode createTemplate(@PathVariable String tenant, @RequestBody TemplateRequest request) {
        return facade.createTemplate(allowed(tenant), request.name(), request.content());
    }

    private static TenantId allowed(String tenant) {
        return TenantAccess.requireTenant(TenantId.of(tenant));
    }
}

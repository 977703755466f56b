package io.emailengine.alerting.adapter.in;

import io.emailengine.alerting.application.TestNotification;
import io.emailengine.alerting.domain.Destination;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.security.TenantAccess;
import io.emailengine.kit.security.TenantPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Send test message": queues a test message to the caller's tenant route (an admin key without a
 * tenant parameter: the admin chat). 202: it is queued and goes out through the normal send queue.
 */
@RestController
class TestNotificationController {

    private final TestNotification testNotification;

    TestNotificationController(TestNotification testNotification) {
        this.testNotification = testNotification;
    }

    @PostMapping("/api/v1/test-notification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Queued send(@RequestParam(required = false) String tenant) {
        TenantPrincipal caller = TenantAccess.caller();
        String target;
        if (tenant != null) {
            target = TenantAccess.requireTenant(new TenantId(tenant)).value();
        } else {
            target = caller.tenantId().map(TenantId::value).orElse(null);
        }
        Destination destination = testNotification.request(target, caller.keyName());
        return new Queued(target, destination.chatId(), destination.threadId());
    }

    record Queued(String tenant, long chatId, Long threadId) {
    }
}

package io.emailengine.alerting.adapter.in;

import io.emailengine.alerting.application.NotificationRecord;
import io.emailengine.alerting.application.SendQueueAdmin;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Telegram send queue for operators (admin scope, enforced by the kit for /api/v1/admin/**). */
@RestController
class SendQueueController {

    private final SendQueueAdmin admin;

    SendQueueController(SendQueueAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/api/v1/admin/notifications")
    List<NotificationRecord> list(@RequestParam(required = false) String status,
                                  @RequestParam(defaultValue = "100") int limit) {
        return admin.list(status, limit);
    }

    @PostMapping("/api/v1/admin/notifications/{id}/requeue")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requeue(@PathVariable long id) {
        admin.requeue(id);
    }
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.GroupMessage;
import io.emailengine.alerting.domain.RouteTable;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Use case: an operator checks that delivery works; the message goes through the same queue as alerts. */
@Service
public class TestNotification {

    private final NotificationQueue queue;
    private final RouteTable routes;
    private final Clock clock;

    public TestNotification(NotificationQueue queue, RouteTable routes, Clock clock) {
        this.queue = queue;
        this.routes = routes;
        this.clock = clock;
    }

    /** Queues a test message to the tenant's route (null tenant: the admin chat); returns where it goes. */
    @Transactional
    public Destination request(String tenant, String requestedBy) {
        Destination destination = queue.followMigrations(
                tenant == null ? routes.adminDestination(false) : routes.testDestinationOf(tenant));
        queue.enqueue(new OutboundNotification("test-" + UUID.randomUUID(), 1, tenant, OutboundNotification.TEST,
                destination, GroupMessage.test(tenant, requestedBy)), clock.instant());
        return destination;
    }
}

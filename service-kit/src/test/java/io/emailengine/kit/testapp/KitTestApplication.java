package io.emailengine.kit.testapp;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.kit.kafka.KitTopics;
import io.emailengine.kit.security.TenantAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built on the kit, the way the five real services are. */
@SpringBootApplication
public class KitTestApplication {

    /** The topic the test listener reads; AlertRaised is used as a convenient well-formed event. */
    public static final String PROBE_TOPIC = "kit-test.probe.v1";
    /** Any record on this topic fails with a plain exception: it must be retried, then dead-lettered. */
    public static final String ALWAYS_FAILING_TOPIC = "kit-test.always-failing.v1";

    @Bean
    KafkaAdmin.NewTopics kitTestTopics(KitTopics topics) {
        return topics.declareTopics(PROBE_TOPIC, ALWAYS_FAILING_TOPIC);
    }

    /** Consumes AlertRaised events from the probe topic through the kit, recording what it saw. */
    @Component
    public static class ProbeListener {

        public final List<String> processed = new CopyOnWriteArrayList<>();
        public final AtomicInteger failingAttempts = new AtomicInteger();
        private final InboundEvents inbound;

        ProbeListener(InboundEvents inbound) {
            this.inbound = inbound;
        }

        @KafkaListener(topics = PROBE_TOPIC)
        void on(ConsumerRecord<String, byte[]> record) {
            inbound.handle(record, AlertRaised.class, "kit-test.probe",
                    event -> processed.add(event.payload().fingerprint()));
        }

        @KafkaListener(topics = ALWAYS_FAILING_TOPIC)
        void fail(ConsumerRecord<String, byte[]> record) {
            failingAttempts.incrementAndGet();
            throw new IllegalStateException("downstream unavailable");
        }
    }

    /** Tenant-scoped resources, to exercise the kit's security rules. */
    @RestController
    static class ThingsController {

        private static final Map<String, TenantId> OWNERS = Map.of("t-a-1", new TenantId("tenant-a"), "t-b-1", new TenantId("tenant-b"));

        @GetMapping("/api/v1/tenants/{tenant}/things")
        List<String> list(@PathVariable String tenant) {
            TenantId id = TenantAccess.requireTenant(new TenantId(tenant));
            return OWNERS.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).sorted().toList();
        }

        @GetMapping("/api/v1/things/{id}")
        String get(@PathVariable String id) {
            TenantId owner = OWNERS.get(id);
            if (owner == null) {
                throw new io.emailengine.kit.web.NotFoundException("thing " + id + " not found");
            }
            return TenantAccess.requireOwned(id, owner, "thing " + id);
        }

        @GetMapping("/api/v1/admin/ping")
        String adminPing() {
            return "pong";
        }
    }
}

package io.emailengine.bounceingest;

import static org.awaitility.Awaitility.await;

import io.emailengine.testsupport.KafkaProbe;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the service has published, counted where it ends up: the service deletes an event from its
 * outbox once Kafka has it (a retention of zero), so the outbox alone shows only what is still pending.
 */
final class RelayedEvents {

    private RelayedEvents() {
    }

    /**
     * Waits until the outbox holds no pending event, then counts the records of the topic that match:
     * every event committed so far, each as often as it was sent.
     */
    static long count(JdbcTemplate jdbc, KafkaProbe kafka, String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                      Duration timeout) {
        await().atMost(timeout).until(() -> !jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM outbox_event WHERE published_at IS NULL)"
                        + " OR EXISTS (SELECT 1 FROM outbox_event_batch WHERE published_at IS NULL)", Boolean.class));
        return kafka.readAll(topic, timeout).stream().filter(match).count();
    }
}

package io.emailengine.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.emailengine.kit.consumer.IdempotentConsumer;
import io.emailengine.kit.outbox.OutboxRelay;
import io.emailengine.kit.testapp.KitDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class KitHousekeepingTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final JdbcTemplate jdbc = KitDatabases.migrated("kit-housekeeping");
    /** The defaults: 7 days for relayed events, 45 for idempotency records. */
    private final EmailEngineProperties properties = new Binder().bindOrCreate("email-engine", EmailEngineProperties.class);

    @Test
    void onceStartedItPurgesExpiredOutboxEventsAndIdempotencyRecordsAndKeepsTheRest() {
        insertRelayed(NOW.minus(properties.outbox().retention()).minusSeconds(1));
        UUID keptEvent = insertRelayed(NOW.minus(properties.outbox().retention()).plusSeconds(1));
        insertProcessed(NOW.minus(properties.idempotency().retention()).minusSeconds(1));
        UUID keptRecord = insertProcessed(NOW.minus(properties.idempotency().retention()).plusSeconds(1));

        KitHousekeeping housekeeping = new KitHousekeeping(relay(), consumer(), Duration.ZERO);
        housekeeping.start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ids("SELECT event_id FROM outbox_event")).containsExactly(keptEvent);
                assertThat(ids("SELECT event_id FROM processed_event")).containsExactly(keptRecord);
            });
        } finally {
            housekeeping.stop();
        }
    }

    private OutboxRelay relay() {
        @SuppressWarnings("unchecked") // the purge sends nothing
        KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
        return new OutboxRelay(jdbc, tx(), kafka, properties.outbox(), clock(), new SimpleMeterRegistry());
    }

    private IdempotentConsumer consumer() {
        return new IdempotentConsumer(jdbc, tx(), clock(), new SimpleMeterRegistry(), properties.idempotency());
    }

    private TransactionTemplate tx() {
        return new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private UUID insertRelayed(Instant publishedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO outbox_event (event_id, event_type, topic, message_key, payload, created_at, published_at)
                VALUES (?, 'AlertRaised', 'email-engine.alert-raised.v1', 'key', '{}', ?, ?)""",
                id, Timestamp.from(publishedAt), Timestamp.from(publishedAt));
        return id;
    }

    private UUID insertProcessed(Instant processedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('kit-test.probe', ?, ?)",
                id, Timestamp.from(processedAt));
        return id;
    }

    private List<UUID> ids(String query) {
        return jdbc.queryForList(query, UUID.class);
    }
}

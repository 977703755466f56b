package io.emailengine.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.InvalidEventException;
import io.emailengine.events.Severity;
import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.consumer.IdempotentConsumer;
import io.emailengine.kit.outbox.OutboxPublisher;
import io.emailengine.kit.outbox.OutboxRelay;
import io.emailengine.kit.testapp.KitTestApplication;
import io.emailengine.testsupport.KafkaProbe;
import io.emailengine.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@RealInfrastructure
@SpringBootTest(classes = KitTestApplication.class)
class KitMessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProbe kafka;

    @Autowired OutboxPublisher outbox;
    @Autowired OutboxRelay relay;
    @Autowired IdempotentConsumer idempotent;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventJson json;
    @Autowired KafkaTemplate<String, byte[]> template;
    @Autowired EmailEngineProperties properties;
    @Autowired MeterRegistry meters;
    @Autowired KitTestApplication.ProbeListener listener;

    @BeforeAll
    static void connect() {
        kafka = KafkaProbe.onTestKafka();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void eventPublishedInACommittedTransactionReachesItsTopicAfterCommit() {
        EventEnvelope<AlertRaised> event = alert("committed");
        tx.executeWithoutResult(status -> outbox.publish(event));

        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                r -> event.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
        assertThat(record.key()).isEqualTo(event.payload().fingerprint());
        assertThat(json.read(KafkaProbe.text(record))).isEqualTo(event);
        await().atMost(WAIT).until(() -> publishedAt(event.eventId()) != null);
    }

    @Test
    void anEventSerialisedBeforeItsTransactionIsStoredAndRelayedAsPublishAllStoresIt() {
        // Non-ASCII text, so the bytes written ahead must be the UTF-8 the text column holds.
        EventEnvelope<AlertRaised> ahead = alert("serialised-ahead-" + UUID.randomUUID(), "Zustellung verzögert – Yahoo TSS04");
        EventEnvelope<AlertRaised> inline = alert("serialised-inline-" + UUID.randomUUID(), "Zustellung verzögert – Yahoo TSS04");
        OutboxPublisher.SerializedEvent serialised = outbox.serialize(ahead);

        tx.executeWithoutResult(status -> {
            outbox.publishAllSerialized(List.of(serialised));
            outbox.publishAll(List.of(inline));
        });

        for (EventEnvelope<AlertRaised> event : List.of(ahead, inline)) {
            ConsumerRecord<String, byte[]> record = kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                    r -> event.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
            assertThat(record.key()).isEqualTo(event.payload().fingerprint());
            assertThat(KafkaProbe.text(record)).as("what Kafka got").isEqualTo(json.write(event));
            assertThat(json.read(KafkaProbe.text(record))).isEqualTo(event);
        }
    }

    @Test
    void eventsPublishedPackedArriveInTheirOrderBetweenTheEventsCommittedBeforeAndAfterThem() {
        String fingerprint = "one-row-" + UUID.randomUUID();
        EventEnvelope<AlertRaised> before = alert(fingerprint, "before");
        List<EventEnvelope<AlertRaised>> together = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            together.add(alert(fingerprint, "together " + i + ": Zustellung verzögert – Yahoo TSS04"));
        }
        EventEnvelope<AlertRaised> after = alert(fingerprint, "after");
        tx.executeWithoutResult(status -> outbox.publish(before));
        tx.executeWithoutResult(status -> outbox.publishAllPacked(together.stream().map(outbox::serialize).toList()));
        long row = jdbc.queryForObject("SELECT max(id) FROM outbox_event_batch", Long.class);
        tx.executeWithoutResult(status -> outbox.publish(after));

        List<EventEnvelope<AlertRaised>> expected = new ArrayList<>(List.of(before));
        expected.addAll(together);
        expected.add(after);
        List<ConsumerRecord<String, byte[]>> received = kafka.awaitRecords(EventType.ALERT_RAISED.topic(),
                r -> fingerprint.equals(r.key()), expected.size(), WAIT);
        assertThat(received).extracting(r -> KafkaProbe.header(r, "eventId"))
                .containsExactlyElementsOf(expected.stream().map(e -> e.eventId().toString()).toList());
        assertThat(received).extracting(KafkaProbe::text).as("what Kafka got")
                .containsExactlyElementsOf(expected.stream().map(json::write).toList());
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT published_at IS NOT NULL FROM outbox_event_batch WHERE id = ?", Boolean.class, row));
    }

    @Test
    void eventsTooManyForOneRowArePackedIntoRowsThatStayInTheirPageAndArriveInOrder() {
        String fingerprint = "packed-" + UUID.randomUUID();
        List<EventEnvelope<AlertRaised>> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(alert(fingerprint, "packed " + i + " " + "x".repeat(1_500)));
        }
        long before = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM outbox_event_batch", Long.class);
        String toast = jdbc.queryForObject("SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'outbox_event_batch'",
                String.class);
        long chunksBefore = jdbc.queryForObject("SELECT count(*) FROM " + toast, Long.class);

        tx.executeWithoutResult(status -> outbox.publishAllPacked(events.stream().map(outbox::serialize).toList()));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT event_count, octet_length(events) AS bytes FROM outbox_event_batch WHERE id > ? ORDER BY id", before);
        assertThat(rows).as("about 1.7 KB an event, 8000 bytes a row").hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows).allSatisfy(row -> assertThat((Integer) row.get("bytes")).isLessThanOrEqualTo(8_000));
        assertThat(rows.stream().mapToInt(row -> (Integer) row.get("event_count")).sum()).isEqualTo(12);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + toast, Long.class)).as("nothing moved out of line")
                .isEqualTo(chunksBefore);
        assertThat(kafka.awaitRecords(EventType.ALERT_RAISED.topic(), r -> fingerprint.equals(r.key()), 12, WAIT))
                .extracting(r -> KafkaProbe.header(r, "eventId"))
                .containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void aRoundTakesARowOfManyEventsWholeThenStopsOnceItHoldsItsBatchSize() {
        relay.stop();
        try {
            EmailEngineProperties.Outbox kept = properties.outbox();
            OutboxRelay threeAtATime = new OutboxRelay(jdbc, tx, template, new EmailEngineProperties.Outbox(kept.relayEnabled(),
                    kept.pollInterval(), 3, kept.sendTimeout(), kept.retention()), Clock.systemUTC(), new SimpleMeterRegistry());
            while (threeAtATime.relayPending() > 0) {
                // what other tests left pending
            }
            String fingerprint = "whole-row-" + UUID.randomUUID();
            List<EventEnvelope<AlertRaised>> five = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                five.add(alert(fingerprint, "row item " + i));
            }
            EventEnvelope<AlertRaised> single = alert(fingerprint, "single");
            tx.executeWithoutResult(status -> outbox.publishAllPacked(five.stream().map(outbox::serialize).toList()));
            tx.executeWithoutResult(status -> outbox.publish(single));
            assertThat(meters.get("email_engine_outbox_pending_events").gauge().value()).as("events, not rows").isEqualTo(6);
            assertThat(meters.get("email_engine_outbox_lag_seconds").gauge().value()).isPositive();

            assertThat(threeAtATime.relayPending()).as("the row of five, whole, and not the event after it").isEqualTo(5);
            assertThat(publishedAt(single.eventId())).isNull();
            assertThat(threeAtATime.relayPending()).isEqualTo(1);
            assertThat(meters.get("email_engine_outbox_pending_events").gauge().value()).isZero();

            List<EventEnvelope<AlertRaised>> expected = new ArrayList<>(five);
            expected.add(single);
            assertThat(kafka.awaitRecords(EventType.ALERT_RAISED.topic(), r -> fingerprint.equals(r.key()), 6, WAIT))
                    .extracting(r -> KafkaProbe.header(r, "eventId"))
                    .containsExactlyElementsOf(expected.stream().map(e -> e.eventId().toString()).toList());
        } finally {
            relay.start();
        }
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        EventEnvelope<AlertRaised> event = alert("rolled-back");
        tx.executeWithoutResult(status -> {
            outbox.publish(event);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE event_id = ?", Long.class, event.eventId()))
                .isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(alert("no-tx"))).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void eventsOfOneKeyArriveInCommitOrder() {
        String fingerprint = "order-" + UUID.randomUUID();
        List<String> committed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            EventEnvelope<AlertRaised> event = alert(fingerprint, "step " + i);
            tx.executeWithoutResult(status -> outbox.publish(event));
            committed.add(event.eventId().toString());
        }
        List<String> received = kafka.awaitRecords(EventType.ALERT_RAISED.topic(), r -> fingerprint.equals(r.key()), 30, WAIT)
                .stream().map(r -> KafkaProbe.header(r, "eventId")).toList();
        assertThat(received).containsExactlyElementsOf(committed);
    }

    @Test
    void batchPublishedInOneTransactionArrivesInOrder() {
        String fingerprint = "batch-" + UUID.randomUUID();
        List<EventEnvelope<AlertRaised>> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(alert(fingerprint, "item " + i));
        }
        tx.executeWithoutResult(status -> outbox.publishAll(batch));

        List<String> received = kafka.awaitRecords(EventType.ALERT_RAISED.topic(), r -> fingerprint.equals(r.key()), 25, WAIT)
                .stream().map(r -> KafkaProbe.header(r, "eventId")).toList();
        assertThat(received).containsExactlyElementsOf(batch.stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void relayResumesAfterACrashBetweenCommitAndPublish() {
        relay.stop();
        try {
            EventEnvelope<AlertRaised> first = alert("crash-1");
            EventEnvelope<AlertRaised> second = alert("crash-2");
            tx.executeWithoutResult(status -> {
                outbox.publish(first);
                outbox.publish(second);
            });
            // The process "died" here: both rows are committed, neither was relayed.
            assertThat(publishedAt(first.eventId())).isNull();
            assertThat(meters.get("email_engine_outbox_pending_events").gauge().value()).isGreaterThanOrEqualTo(2);
            assertThat(meters.get("email_engine_outbox_lag_seconds").gauge().value()).isPositive();

            OutboxRelay restarted = new OutboxRelay(jdbc, tx, template, properties.outbox(), Clock.systemUTC(),
                    new SimpleMeterRegistry());
            assertThat(restarted.relayPending()).isGreaterThanOrEqualTo(2);

            for (EventEnvelope<AlertRaised> event : List.of(first, second)) {
                kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                        r -> event.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
                assertThat(publishedAt(event.eventId())).isNotNull();
            }
        } finally {
            relay.start();
        }
    }

    @Test
    void aBatchRowThatCannotBeReadIsParkedWithItsReasonAndTheEventsAfterItAreRelayed() {
        relay.stop();
        try {
            String fingerprint = "parked-" + UUID.randomUUID();
            EventEnvelope<AlertRaised> before = alert(fingerprint, "before");
            EventEnvelope<AlertRaised> after = alert(fingerprint, "after");
            tx.executeWithoutResult(status -> outbox.publish(before));
            tx.executeWithoutResult(status -> outbox.publishAllPacked(List.of(outbox.serialize(alert(fingerprint, "cut off")))));
            long row = jdbc.queryForObject("SELECT max(id) FROM outbox_event_batch", Long.class);
            // The row's last ten bytes lost: its one event cannot be read any more.
            jdbc.update("UPDATE outbox_event_batch SET events = substring(events FROM 1 FOR octet_length(events) - 10) WHERE id = ?", row);
            byte[] damaged = jdbc.queryForObject("SELECT events FROM outbox_event_batch WHERE id = ?", byte[].class, row);
            tx.executeWithoutResult(status -> outbox.publish(after));
            double parkedBefore = meters.get("email_engine_outbox_parked").counter().count();

            relay.start();

            List<ConsumerRecord<String, byte[]>> received = kafka.awaitRecords(EventType.ALERT_RAISED.topic(),
                    r -> fingerprint.equals(r.key()), 2, WAIT);
            assertThat(received).extracting(r -> KafkaProbe.header(r, "eventId"))
                    .containsExactly(before.eventId().toString(), after.eventId().toString());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event_batch WHERE id = ?", Long.class, row)).isZero();
            Map<String, Object> parked = jdbc.queryForMap("SELECT events, event_count, reason FROM outbox_event_parked WHERE id = ?", row);
            assertThat((byte[]) parked.get("events")).as("kept as it was").isEqualTo(damaged);
            assertThat(parked.get("event_count")).isEqualTo(1);
            assertThat((String) parked.get("reason")).startsWith("outbox_event_batch row " + row + " is corrupt at byte 1: event 1 claims");
            assertThat(meters.get("email_engine_outbox_parked").counter().count()).isEqualTo(parkedBefore + 1);
        } finally {
            relay.start();
        }
    }

    @Test
    void aBatchRowOfALaterReleaseIsNeitherParkedNorPassedTheRelayStopsBeforeIt() {
        relay.stop();
        long row = 0;
        try {
            EventEnvelope<AlertRaised> before = alert("newer-before-" + UUID.randomUUID());
            EventEnvelope<AlertRaised> after = alert("newer-after-" + UUID.randomUUID());
            tx.executeWithoutResult(status -> outbox.publish(before));
            tx.executeWithoutResult(status -> outbox.publishAllPacked(List.of(outbox.serialize(alert("newer-" + UUID.randomUUID())))));
            row = jdbc.queryForObject("SELECT max(id) FROM outbox_event_batch", Long.class);
            jdbc.update("UPDATE outbox_event_batch SET events = set_byte(events, 0, 2) WHERE id = ?", row);
            tx.executeWithoutResult(status -> outbox.publish(after));

            for (int round = 0; round < 5; round++) {
                relay.relayPending();
            }

            kafka.awaitRecord(EventType.ALERT_RAISED.topic(), r -> before.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
            assertThat(publishedAt(before.eventId())).as("relayed: it comes before the row").isNotNull();
            assertThat(publishedAt(after.eventId())).as("held back: it comes after the row").isNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event_batch WHERE id = ? AND published_at IS NULL",
                    Long.class, row)).as("left pending for the release that wrote it").isOne();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event_parked WHERE id = ?", Long.class, row)).isZero();
        } finally {
            // The later release's replica would relay it; here it goes, so the other tests' events are not held back.
            jdbc.update("DELETE FROM outbox_event_batch WHERE id = ?", row);
            relay.start();
        }
    }

    @Test
    void withARetentionOfZeroARelayedEventIsDeletedFromTheOutboxOnceKafkaHasIt() {
        relay.stop();
        try {
            EventEnvelope<AlertRaised> first = alert("deleted-1");
            EventEnvelope<AlertRaised> second = alert("deleted-2");
            EventEnvelope<AlertRaised> third = alert("deleted-3");
            tx.executeWithoutResult(status -> {
                outbox.publishAll(List.of(first, second));
                outbox.publishAllPacked(List.of(outbox.serialize(third)));
            });
            long row = jdbc.queryForObject("SELECT max(id) FROM outbox_event_batch", Long.class);
            EmailEngineProperties.Outbox kept = properties.outbox();
            EmailEngineProperties.Outbox none = new EmailEngineProperties.Outbox(kept.relayEnabled(), kept.pollInterval(),
                    kept.batchSize(), kept.sendTimeout(), Duration.ZERO);
            OutboxRelay deleting = new OutboxRelay(jdbc, tx, template, none, Clock.systemUTC(), new SimpleMeterRegistry());

            assertThat(deleting.relayPending()).isGreaterThanOrEqualTo(3);
            while (deleting.relayPending() > 0) {
                // what other tests left pending
            }

            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event_batch WHERE id = ?", Long.class, row))
                    .as("the row of many events, relayed and deleted").isZero();
            kafka.awaitRecord(EventType.ALERT_RAISED.topic(), r -> third.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
            for (EventEnvelope<AlertRaised> event : List.of(first, second)) {
                kafka.awaitRecord(EventType.ALERT_RAISED.topic(),
                        r -> event.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE event_id = ?", Long.class,
                        event.eventId())).as("relayed and deleted").isZero();
            }
        } finally {
            relay.start();
        }
    }

    @Test
    void anEventWhoseTransactionCommitsAfterALaterOnesIsStillRelayed() throws Exception {
        CountDownLatch commit = new CountDownLatch(1);
        relay.stop();
        try {
            OutboxRelay own = new OutboxRelay(jdbc, tx, template, properties.outbox(), Clock.systemUTC(), new SimpleMeterRegistry());
            while (own.relayPending() > 0) {
                // what other tests left pending
            }
            EventEnvelope<AlertRaised> late = alert("straggler");
            EventEnvelope<AlertRaised> early = alert("overtaker");
            CountDownLatch written = new CountDownLatch(1);
            AtomicLong lateId = new AtomicLong();
            Thread slow = new Thread(() -> tx.executeWithoutResult(status -> {
                outbox.publish(late);
                lateId.set(outboxId(late.eventId()));
                written.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            slow.start();
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            tx.executeWithoutResult(status -> outbox.publish(early));
            assertThat(outboxId(early.eventId())).isGreaterThan(lateId.get());

            assertThat(own.relayPending()).isPositive();
            assertThat(publishedAt(early.eventId())).isNotNull();
            commit.countDown();
            slow.join(30_000);
            // Rounds read after the last event sent; the round after an empty one, and one at least a
            // second after the last such, read from the start and find it.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (publishedAt(late.eventId()) == null && System.nanoTime() < deadline) {
                own.relayPending();
            }
            assertThat(publishedAt(late.eventId())).as("the event committed behind the last one sent").isNotNull();
            kafka.awaitRecord(EventType.ALERT_RAISED.topic(), r -> late.eventId().toString().equals(KafkaProbe.header(r, "eventId")), WAIT);
        } finally {
            commit.countDown(); // a failed assertion must not leave the held transaction open
            relay.start();
        }
    }

    private long outboxId(UUID eventId) {
        return jdbc.queryForObject("SELECT id FROM outbox_event WHERE event_id = ?", Long.class, eventId);
    }

    @Test
    void redeliveredEventRunsItsSideEffectOnlyOnce() {
        EventEnvelope<AlertRaised> event = alert("idempotent");
        AtomicInteger effects = new AtomicInteger();

        assertThat(idempotent.processOnce("kit-test.counter", event, e -> effects.incrementAndGet())).isTrue();
        assertThat(idempotent.processOnce("kit-test.counter", event, e -> effects.incrementAndGet())).isFalse();
        assertThat(effects).hasValue(1);
    }

    @Test
    void failedSideEffectLeavesTheEventUnprocessedSoTheRetryRunsIt() {
        EventEnvelope<AlertRaised> event = alert("retry");
        assertThatThrownBy(() -> idempotent.processOnce("kit-test.flaky", event, e -> {
            throw new IllegalStateException("database of a downstream system is down");
        })).isInstanceOf(IllegalStateException.class);

        AtomicInteger effects = new AtomicInteger();
        assertThat(idempotent.processOnce("kit-test.flaky", event, e -> effects.incrementAndGet())).isTrue();
        assertThat(effects).hasValue(1);
    }

    @Test
    void listenerProcessesAnEventOnceEvenWhenKafkaDeliversItTwice() {
        EventEnvelope<AlertRaised> event = alert("twice-" + UUID.randomUUID());
        EventEnvelope<AlertRaised> marker = alert("marker-" + UUID.randomUUID());
        kafka.send(KitTestApplication.PROBE_TOPIC, event.key(), json.write(event));
        kafka.send(KitTestApplication.PROBE_TOPIC, event.key(), json.write(event));
        kafka.send(KitTestApplication.PROBE_TOPIC, event.key(), json.write(marker));

        await().atMost(WAIT).until(() -> listener.processed.contains(marker.payload().fingerprint()));
        assertThat(listener.processed).containsOnlyOnce(event.payload().fingerprint());
    }

    @Test
    void unparseableRecordGoesStraightToTheDltWithTheExceptionInHeadersAndRaisesAnAlert() {
        String poison = "{\"type\":\"AlertRaised\", this is not json " + UUID.randomUUID();
        kafka.send(KitTestApplication.PROBE_TOPIC, "poison", poison);

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(KitTestApplication.PROBE_TOPIC + ".dlt",
                r -> poison.equals(KafkaProbe.text(r)), WAIT);
        assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(InvalidEventException.class.getName());
        assertThat(KafkaProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(KitTestApplication.PROBE_TOPIC);

        long offset = ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter WHERE source_topic = ? AND source_offset = ?", Long.class,
                KitTestApplication.PROBE_TOPIC, offset) == 1);
        kafka.awaitRecord(EventType.ALERT_RAISED.topic(), r -> {
            AlertRaised alert = (AlertRaised) json.read(KafkaProbe.text(r)).payload();
            return (KitTestApplication.PROBE_TOPIC + ".dlt").equals(alert.labels().get("topic"));
        }, WAIT);
    }

    @Test
    void failingRecordIsRetriedABoundedNumberOfTimesThenDeadLettered() {
        String value = "irrelevant-" + UUID.randomUUID();
        int before = listener.failingAttempts.get();
        kafka.send(KitTestApplication.ALWAYS_FAILING_TOPIC, "k", value);

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(KitTestApplication.ALWAYS_FAILING_TOPIC + ".dlt",
                r -> value.equals(KafkaProbe.text(r)), WAIT);
        assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-message")).contains("downstream unavailable");
        // Other cached test contexts consume the topic too; this context is done once it recorded the dead letter.
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter WHERE source_topic = ?", Long.class, KitTestApplication.ALWAYS_FAILING_TOPIC) == 1);
        assertThat(listener.failingAttempts.get() - before).isEqualTo(properties.kafka().maxRetries() + 1);
    }

    @Test
    void startUpMigrationBuildsTheIndexesOfTheHourlyPurges() {
        assertThat(jdbc.queryForList("""
                SELECT indexrelid::regclass::text FROM pg_index
                WHERE indisvalid AND indrelid IN ('outbox_event'::regclass, 'processed_event'::regclass)""", String.class))
                .contains("outbox_event_published", "processed_event_age");
    }

    private Timestamp publishedAt(UUID eventId) {
        return jdbc.queryForObject("SELECT published_at FROM outbox_event WHERE event_id = ?", Timestamp.class, eventId);
    }

    private static EventEnvelope<AlertRaised> alert(String fingerprint) {
        return alert(fingerprint, "test alert " + fingerprint);
    }

    private static EventEnvelope<AlertRaised> alert(String fingerprint, String summary) {
        AlertRaised payload = new AlertRaised(fingerprint, Severity.WARNING, "kit-test", summary, null,
                Map.of("alertname", "KitTest"), AlertStatus.FIRING);
        return EventEnvelope.of(payload, null, "kit-test", Clock.systemUTC());
    }
}

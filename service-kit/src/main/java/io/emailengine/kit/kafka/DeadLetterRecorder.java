package io.emailengine.kit.kafka;

import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.EventJson;
import io.emailengine.events.Severity;
import io.emailengine.kit.outbox.OutboxPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a record went to its DLT: keep a row saying what and why, count it, and raise an alert
 * through the outbox, in one transaction (the reliability rule "retries, then the DLT, then an
 * alert"). One alert fingerprint per dead-letter topic, so a burst is one incident.
 */
public class DeadLetterRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecorder.class);
    private static final int MAX_TEXT = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxPublisher outbox;
    private final EventJson json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String service;

    public DeadLetterRecorder(JdbcTemplate jdbc, TransactionTemplate tx, OutboxPublisher outbox, EventJson json,
                              Clock clock, MeterRegistry meters, String service) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.service = service;
    }

    /** Records of {@code topic} sent to its DLT; registered up front for every declared topic so dashboards see zero, not nothing. */
    static Counter deadLetters(MeterRegistry meters, String topic) {
        return Counter.builder("email_engine_dead_letters").description("Records sent to the topic's dead-letter topic")
                .tag("topic", topic).register(meters);
    }

    public void record(ConsumerRecord<?, ?> record, Exception exception) {
        Exception cause = KafkaErrorHandling.unwrap(exception);
        String deadLetterTopic = KafkaErrorHandling.deadLetterTopicOf(record.topic());
        UUID eventId = eventIdOf(record);
        String message = truncate(String.valueOf(cause.getMessage()));
        log.warn("Record {}-{}@{} (event {}) sent to {}: {}", record.topic(), record.partition(), record.offset(),
                eventId, deadLetterTopic, message);
        deadLetters(meters, record.topic()).increment();
        tx.executeWithoutResult(status -> {
            int inserted = jdbc.update("""
                    INSERT INTO dead_letter (source_topic, source_partition, source_offset, message_key, event_id,
                                             exception_class, exception_message, dead_lettered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING""",
                    record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : truncate(record.key().toString()), eventId,
                    cause.getClass().getName(), message, Timestamp.from(clock.instant()));
            if (inserted == 1) {
                outbox.publish(EventEnvelope.of(alertFor(deadLetterTopic, record, cause, message), null, service, clock));
            }
        });
    }

    private AlertRaised alertFor(String deadLetterTopic, ConsumerRecord<?, ?> record, Throwable cause, String message) {
        Map<String, String> labels = Map.of("alertname", "EventDeadLettered", "service", service, "topic", deadLetterTopic);
        return new AlertRaised(
                AlertRaised.fingerprintOf(service, "dead-letter", labels),
                Severity.WARNING,
                service,
                "Event dead-lettered to " + deadLetterTopic,
                "Record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " failed with "
                        + cause.getClass().getSimpleName() + ": " + message,
                labels,
                AlertStatus.FIRING);
    }

    private UUID eventIdOf(ConsumerRecord<?, ?> record) {
        if (!(record.value() instanceof byte[] bytes)) {
            return null;
        }
        try {
            return json.read(new String(bytes, StandardCharsets.UTF_8)).eventId();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}

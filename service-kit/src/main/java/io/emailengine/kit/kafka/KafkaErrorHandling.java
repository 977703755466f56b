package io.emailengine.kit.kafka;

import io.emailengine.events.InvalidEventException;
import io.emailengine.kit.consumer.RejectedEventException;
import io.emailengine.kit.config.EmailEngineProperties;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retry with exponential backoff a bounded number of times, then publish the record unchanged to
 * {@code <topic>.dlt} (spring-kafka adds the exception class, message, stack trace and origin as
 * {@code kafka_dlt-*} headers), then record it and raise an alert. Unparseable payloads and
 * unknown event types skip the retries: retrying cannot fix them.
 */
public final class KafkaErrorHandling {

    private KafkaErrorHandling() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template,
                                                   DeadLetterRecorder recorder,
                                                   EmailEngineProperties.Kafka settings) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopicOf(record.topic()), -1));
        publisher.setFailIfSendResultIsError(true);
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setMaxAttempts(settings.maxRetries());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            Exception cause = unwrap(exception);
            publisher.accept(record, cause);
            recorder.record(record, cause);
        }, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class, RejectedEventException.class,
                DeserializationException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    /**
     * The listener's own exception, not spring-kafka's wrappers (record or batch listener), is what
     * the DLT headers and the dead-letter row should name.
     */
    static Exception unwrap(Exception exception) {
        Exception current = exception;
        while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException)
                && current.getCause() instanceof Exception cause) {
            current = cause;
        }
        return current;
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlt";
    }
}

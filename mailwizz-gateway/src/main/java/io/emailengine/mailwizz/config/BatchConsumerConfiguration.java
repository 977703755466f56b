package io.emailengine.mailwizz.config;

import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.consumer.RejectedEventException;
import io.emailengine.kit.kafka.DeadLetterRecorder;
import io.emailengine.kit.kafka.KafkaErrorHandling;
import io.emailengine.events.InvalidEventException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A batch listener container factory for QuotaChanged (one transaction per poll, see the listener).
 * Its error handler is the kit's policy (same retries, DLT, dead_letter row and alert) with one
 * difference: it also unwraps {@link BatchListenerFailedException}, so the DLT names the listener's
 * own exception. Proposed for the kit: let {@code KafkaErrorHandling.unwrap} do this, then this class
 * shrinks to the factory.
 */
@Configuration(proxyBeanMethods = false)
public class BatchConsumerConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> batchListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            KafkaTemplate<String, byte[]> kafka, DeadLetterRecorder recorder, EmailEngineProperties properties) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(errorHandler(kafka, recorder, properties.kafka()));
        return factory;
    }

    static DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> kafka, DeadLetterRecorder recorder,
                                            EmailEngineProperties.Kafka settings) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(KafkaErrorHandling.deadLetterTopicOf(record.topic()), -1));
        publisher.setFailIfSendResultIsError(true);
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setMaxAttempts(settings.maxRetries());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            Exception cause = unwrap(exception);
            publisher.accept(record, cause);
            recorder.record(record, cause);
        }, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class, RejectedEventException.class, DeserializationException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    static Exception unwrap(Exception exception) {
        Exception current = exception;
        while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException)
                && current.getCause() instanceof Exception cause) {
            current = cause;
        }
        return current;
    }
}

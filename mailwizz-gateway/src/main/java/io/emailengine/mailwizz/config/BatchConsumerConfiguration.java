package io.emailengine.mailwizz.config;

import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.kafka.DeadLetterRecorder;
import io.emailengine.kit.kafka.KafkaErrorHandling;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A batch listener container factory for QuotaChanged (one transaction per poll, see the listener),
 * with the kit's error policy: same retries, DLT, dead_letter row and alert.
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
        factory.setCommonErrorHandler(KafkaErrorHandling.errorHandler(kafka, recorder, properties.kafka()));
        return factory;
    }
}

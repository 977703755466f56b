package io.emailengine.bounceingest.config;

import io.emailengine.events.EventType;
import io.emailengine.kit.kafka.KitTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics bounce-ingest-service consumes and produces, each with its DLT. */
@Configuration(proxyBeanMethods = false)
public class BounceIngestTopics {

    @Bean
    KafkaAdmin.NewTopics bounceIngestServiceTopics(KitTopics topics) {
        return topics.declare(EventType.PMTA_CONFIG_REQUESTED, EventType.BOUNCE_RECEIVED, EventType.DELIVERY_REPORT);
    }
}

package io.emailengine.warmup.config;

import io.emailengine.events.EventType;
import io.emailengine.kit.kafka.KitTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics warmup-service consumes and produces, each with its DLT. */
@Configuration(proxyBeanMethods = false)
public class WarmupTopics {

    @Bean
    KafkaAdmin.NewTopics warmupServiceTopics(KitTopics topics) {
        return topics.declare(EventType.WARMUP_TICK, EventType.DELIVERY_REPORT, EventType.BOUNCE_RECEIVED,
                EventType.QUOTA_CHANGED, EventType.PMTA_CONFIG_REQUESTED, EventType.DKIM_KEY_PUBLISHED);
    }
}

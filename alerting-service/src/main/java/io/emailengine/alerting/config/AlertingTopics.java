package io.emailengine.alerting.config;

import io.emailengine.events.EventType;
import io.emailengine.kit.kafka.KitTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics alerting-service consumes, each with its DLT (AlertRaised itself comes from the kit). */
@Configuration(proxyBeanMethods = false)
public class AlertingTopics {

    @Bean
    KafkaAdmin.NewTopics alertingServiceTopics(KitTopics topics) {
        return topics.declare(EventType.ALERT_RAISED);
    }
}

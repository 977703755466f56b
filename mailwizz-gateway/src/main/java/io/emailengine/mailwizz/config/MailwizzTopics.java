package io.emailengine.mailwizz.config;

import io.emailengine.events.EventType;
import io.emailengine.kit.kafka.KitTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics mailwizz-gateway consumes and produces, each with its DLT. */
@Configuration(proxyBeanMethods = false)
public class MailwizzTopics {

    @Bean
    KafkaAdmin.NewTopics mailwizzGatewayTopics(KitTopics topics) {
        return topics.declare(EventType.QUOTA_CHANGED, EventType.BOUNCE_RECEIVED);
    }
}

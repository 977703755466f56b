package io.emailengine.pmtaconfig.config;

import io.emailengine.events.EventType;
import io.emailengine.kit.kafka.KitTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics pmta-config-service consumes and produces, each with its DLT. */
@Configuration(proxyBeanMethods = false)
public class PmtaConfigTopics {

    @Bean
    KafkaAdmin.NewTopics pmtaConfigServiceTopics(KitTopics topics) {
        return topics.declare(EventType.PMTA_CONFIG_REQUESTED, EventType.DKIM_KEY_PUBLISHED);
    }
}

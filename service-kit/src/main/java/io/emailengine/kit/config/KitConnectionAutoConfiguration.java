package io.emailengine.kit.config;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Connects the service to its database and to Kafka from the validated {@code email-engine.*}
 * settings, so a missing URL fails start-up with the kit's one-line message before any
 * connection is attempted.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties(EmailEngineProperties.class)
public class KitConnectionAutoConfiguration {

    @Bean
    JdbcConnectionDetails emailEngineJdbcConnectionDetails(EmailEngineProperties properties) {
        EmailEngineProperties.Database database = properties.database();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return database.username();
            }

            @Override
            public String getPassword() {
                return database.password();
            }

            @Override
            public String getJdbcUrl() {
                return database.url();
            }
        };
    }

    @Bean
    KafkaConnectionDetails emailEngineKafkaConnectionDetails(EmailEngineProperties properties) {
        List<String> servers = List.of(properties.kafka().bootstrapServers().split("\\s*,\\s*"));
        return () -> servers;
    }
}

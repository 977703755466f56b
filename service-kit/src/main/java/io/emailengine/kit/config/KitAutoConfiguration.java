package io.emailengine.kit.config;

import io.emailengine.events.EventJson;
import io.emailengine.events.EventType;
import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.kit.consumer.IdempotentConsumer;
import io.emailengine.kit.consumer.InboundEvents;
import io.emailengine.kit.kafka.DeadLetterRecorder;
import io.emailengine.kit.kafka.KafkaErrorHandling;
import io.emailengine.kit.kafka.KafkaHealthIndicator;
import io.emailengine.kit.kafka.KitTopics;
import io.emailengine.kit.outbox.OutboxPublisher;
import io.emailengine.kit.outbox.OutboxRelay;
import io.emailengine.kit.security.KitSecurityConfiguration;
import io.emailengine.kit.web.ApiErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.emailengine.events.time.AcceleratedClock;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the kit into a service: outbox, idempotent consumer, their hourly purges, DLT error handling, health, security. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
        KafkaAutoConfiguration.class, TransactionAutoConfiguration.class})
@Import({KitSecurityConfiguration.class, KitOpenApiConfiguration.class, ApiErrorHandler.class})
public class KitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(EmailEngineProperties properties) {
        EmailEngineProperties.ClockSettings settings = properties.clock();
        if (!settings.accelerated()) {
            return Clock.systemUTC();
        }
        if (settings.origin() == null) { // each process would pick its own origin and disagree with the others
            throw new IllegalStateException("email-engine.clock.origin (EMAIL_ENGINE_CLOCK_ORIGIN) is required when "
                    + "email-engine.clock.speed is above 1: every process of a simulation must share it");
        }
        Instant origin = settings.origin();
        Instant start = settings.start() != null ? settings.start() : origin;
        AcceleratedClock clock = new AcceleratedClock(origin, start, settings.speed(), Clock.systemUTC());
        LoggerFactory.getLogger(KitAutoConfiguration.class).warn("Time is simulated: {}", clock);
        return clock;
    }

    @Bean
    @ConditionalOnMissingBean
    EventJson eventJson() {
        return new EventJson();
    }

    /** The shared provider catalogue with this deployment's overrides applied. */
    @Bean
    @ConditionalOnMissingBean
    ProviderCatalogue providerCatalogue(EmailEngineProperties properties) {
        return ProviderCatalogue.defaults().withOverrides(properties.providers());
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, byte[]> kafka,
                            EmailEngineProperties properties, Clock clock, MeterRegistry meters) {
        return new OutboxRelay(jdbc, tx, kafka, properties.outbox(), clock, meters);
    }

    @Bean
    OutboxPublisher outboxPublisher(JdbcTemplate jdbc, EventJson json, OutboxRelay relay) {
        return new OutboxPublisher(jdbc, json, relay);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, MeterRegistry meters,
                                          EmailEngineProperties properties) {
        return new IdempotentConsumer(jdbc, tx, clock, meters, properties.idempotency());
    }

    @Bean
    KitHousekeeping kitHousekeeping(OutboxRelay relay, IdempotentConsumer idempotent) {
        return new KitHousekeeping(relay, idempotent);
    }

    @Bean
    InboundEvents inboundEvents(EventJson json, IdempotentConsumer idempotent) {
        return new InboundEvents(json, idempotent);
    }

    @Bean
    DeadLetterRecorder deadLetterRecorder(JdbcTemplate jdbc, TransactionTemplate tx, OutboxPublisher outbox, EventJson json,
                                          Clock clock, MeterRegistry meters,
                                          @Value("${spring.application.name}") String service) {
        return new DeadLetterRecorder(jdbc, tx, outbox, json, clock, meters, service);
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, DeadLetterRecorder recorder,
                                         EmailEngineProperties properties) {
        return KafkaErrorHandling.errorHandler(kafka, recorder, properties.kafka());
    }

    @Bean
    KitTopics kitTopics(EmailEngineProperties properties, MeterRegistry meters) {
        return new KitTopics(properties.kafka(), meters);
    }

    /** Every service can raise alerts (dead letters at least), so every service declares that topic. */
    @Bean
    KafkaAdmin.NewTopics kitAlertTopics(KitTopics topics) {
        return topics.declare(EventType.ALERT_RAISED);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), Duration.ofSeconds(3));
    }
}

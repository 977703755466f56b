package io.emailengine.mailwizz.config;

import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.adapter.out.mailwizzdb.JdbcMailwizzDatabase;
import io.emailengine.mailwizz.application.DeliveryServerMappings;
import io.emailengine.mailwizz.application.GatewayAlerts;
import io.emailengine.mailwizz.application.MailwizzApi;
import io.emailengine.mailwizz.application.QuotaApplicationStore;
import io.emailengine.mailwizz.application.QuotaApplier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quota application: MailWizz database access, the applier, mappings (configured ones loaded at start-up). */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

    @Bean
    JdbcMailwizzDatabase mailwizzDatabase(MailwizzProperties properties) {
        return new JdbcMailwizzDatabase(properties);
    }

    @Bean
    QuotaApplier quotaApplier(QuotaApplicationStore store, JdbcMailwizzDatabase database, GatewayAlerts alerts, Clock clock,
                              MeterRegistry meters, MailwizzProperties properties) {
        Gauge.builder("email_engine_mailwizz_quotas_unapplied", store, s -> s.countInState("pending") + s.countInState("retry")
                        + s.countInState(QuotaApplier.UNMAPPED) + s.countInState(QuotaApplier.WARMUP_CONFLICT))
                .description("Desired quotas not (yet) applied to MailWizz").register(meters);
        return new QuotaApplier(store, database, alerts, clock, meters, properties.quotas().batchSize(),
                properties.quotas().retryAfter());
    }

    @Bean
    DeliveryServerMappings deliveryServerMappings(QuotaApplicationStore store, MailwizzApi api, Clock clock) {
        return new DeliveryServerMappings(store, api, clock);
    }

    /** Configured mappings are written at start-up, so they are visible and survive like operator mappings. */
    @Bean
    ApplicationRunner configuredDeliveryServerMappings(MailwizzProperties properties, DeliveryServerMappings mappings) {
        return args -> properties.tenants().forEach((tenant, settings) -> settings.deliveryServers().forEach(mapping -> {
            String subject = mapping.ip() != null && !mapping.ip().isBlank() ? mapping.ip() : mapping.vmta();
            mappings.map(TenantId.of(tenant), subject, mapping.serverId(), "configured");
        }));
    }
}

package io.emailengine.mailwizz.config;

import io.emailengine.mailwizz.application.GatewayAlerts;
import io.emailengine.mailwizz.application.MailwizzApi;
import io.emailengine.mailwizz.application.SuppressionStore;
import io.emailengine.mailwizz.application.Suppressions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Suppression of hard bounces and complaints: the use case with its settings and the pending gauge. */
@Configuration(proxyBeanMethods = false)
public class SuppressionConfiguration {

    @Bean
    Suppressions suppressions(SuppressionStore store, MailwizzApi api, GatewayAlerts alerts, TransactionTemplate tx, Clock clock,
                              MeterRegistry meters, MailwizzProperties properties) {
        Gauge.builder("email_engine_mailwizz_suppressions_pending", store, s -> s.countInState("pending"))
                .description("Hard bounces and complaints waiting for a MailWizz call").register(meters);
        MailwizzProperties.Suppression settings = properties.suppression();
        return new Suppressions(store, api, alerts, tx, clock, meters,
                tenant -> properties.tenants().containsKey(tenant.value()) && properties.tenants().get(tenant.value()).blacklistComplaints(),
                settings.batchSize(), settings.initialBackoff(), settings.maxBackoff(), settings.retention());
    }
}

package io.emailengine.alerting.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

class AlertingPropertiesTest {

    private static AlertingProperties bind(Map<String, String> settings) {
        var validator = new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("email-engine.alerting",
                Bindable.of(AlertingProperties.class), new ValidationBindHandler(validator));
    }

    @Test
    void resolvedAlertsAreRememberedNinetyDaysByDefault() {
        assertThat(bind(Map.of()).resolvedAlertRetention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void resolvedAlertRetentionShorterThanADeadLetterReplayCanComeIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("email-engine.alerting.resolved-alert-retention", "37d")))
                .hasStackTraceContaining("resolvedAlertRetention").hasStackTraceContaining("must be at least 38 days");
        assertThat(bind(Map.of("email-engine.alerting.resolved-alert-retention", "38d")).resolvedAlertRetention())
                .isEqualTo(Duration.ofDays(38));
    }
}

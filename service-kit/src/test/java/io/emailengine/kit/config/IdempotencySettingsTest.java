package io.emailengine.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IdempotencySettingsTest {

    private static EmailEngineProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("email-engine", EmailEngineProperties.class);
    }

    @Test
    void retentionDefaultsToFortyFiveDays() {
        assertThat(bind(Map.of()).idempotency().retention()).isEqualTo(Duration.ofDays(45));
    }

    @Test
    void retentionIsBoundFromItsSetting() {
        assertThat(bind(Map.of("email-engine.idempotency.retention", "60d")).idempotency().retention())
                .isEqualTo(Duration.ofDays(60));
    }

    @Test
    void fourteenDaysIsTheShortestRetentionAccepted() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(new EmailEngineProperties.Idempotency(Duration.ofDays(14)))).isEmpty();
        assertThat(validator.validate(new EmailEngineProperties.Idempotency(Duration.ofDays(14).minusSeconds(1))))
                .singleElement()
                .satisfies(violation -> assertThat(violation.getPropertyPath()).hasToString("retention"));
    }
}

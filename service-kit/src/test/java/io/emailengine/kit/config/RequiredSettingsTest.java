package io.emailengine.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.kit.testapp.KitTestApplication;
import io.emailengine.testsupport.TestDatabase;
import io.emailengine.testsupport.TestKafka;
import io.emailengine.testsupport.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class RequiredSettingsTest {

    @Test
    void missingDatabaseUrlStopsStartupWithOneLineNamingTheSettingAndItsEnvironmentVariable(CapturedOutput output) {
        Map<String, Object> settings = workingSettings();
        settings.remove("email-engine.database.url");

        assertThatThrownBy(() -> start(settings, Map.of())).hasRootCauseInstanceOf(BindValidationException.class);
        assertThat(output.getOut() + output.getErr()).containsOnlyOnce(
                "Missing required setting 'email-engine.database.url' (environment variable EMAIL_ENGINE_DATABASE_URL): must not be blank");
    }

    @Test
    void analysisNamesEveryMissingSettingOnItsOwnLine() {
        Map<String, Object> settings = workingSettings();
        settings.remove("email-engine.database.url");
        settings.remove("email-engine.kafka.bootstrap-servers");

        Throwable failure = catchStartupFailure(settings);
        BindValidationException cause = (BindValidationException) rootCause(failure);
        FailureAnalysis analysis = new RequiredSettingFailureAnalyzer().analyze(failure, cause);

        assertThat(analysis.getDescription().lines()).containsExactly(
                "Missing required setting 'email-engine.database.url' (environment variable EMAIL_ENGINE_DATABASE_URL): must not be blank",
                "Missing required setting 'email-engine.kafka.bootstrap-servers' (environment variable EMAIL_ENGINE_KAFKA_BOOTSTRAP_SERVERS): must not be blank");
    }

    @Test
    void invalidApiKeyHashIsReportedWithoutEchoingIt() {
        Map<String, Object> settings = workingSettings();
        settings.put("email-engine.security.api-keys[0].name", "ops");
        settings.put("email-engine.security.api-keys[0].hash", "plain-secret-key");
        settings.put("email-engine.security.api-keys[0].tenant", "tenant-a");

        Throwable failure = catchStartupFailure(settings);
        FailureAnalysis analysis = new RequiredSettingFailureAnalyzer().analyze(failure, (BindValidationException) rootCause(failure));

        assertThat(analysis.getDescription())
                .contains("Invalid setting 'email-engine.security.api-keys[0].hash' (environment variable EMAIL_ENGINE_SECURITY_API_KEYS_0_HASH)")
                .doesNotContain("plain-secret-key");
    }

    @Test
    void idempotencyRetentionShorterThanKafkaCanRedeliverStopsStartupWithOneLineNamingTheSetting(CapturedOutput output) {
        Map<String, Object> settings = workingSettings();
        settings.put("email-engine.idempotency.retention", "7d");

        assertThatThrownBy(() -> start(settings, Map.of())).hasRootCauseInstanceOf(BindValidationException.class);
        assertThat(output.getOut() + output.getErr()).containsOnlyOnce(
                "Invalid setting 'email-engine.idempotency.retention' (environment variable EMAIL_ENGINE_IDEMPOTENCY_RETENTION): "
                        + "must be at least 14 days, as long as Kafka can deliver an event again");
    }

    @Test
    void settingsComeFromEnvironmentVariablesAndUnknownOnesAreIgnored() {
        Map<String, Object> settings = workingSettings();
        Map<String, Object> environment = new HashMap<>();
        environment.put("EMAIL_ENGINE_DATABASE_URL", settings.remove("email-engine.database.url"));
        environment.put("EMAIL_ENGINE_SOMETHING_NOBODY_KNOWS", "42");
        environment.put("EMAIL_ENGINE_KAFKA_NO_SUCH_OPTION", "x");

        try (ConfigurableApplicationContext context = start(settings, environment)) {
            EmailEngineProperties properties = context.getBean(EmailEngineProperties.class);
            assertThat(properties.database().url()).isEqualTo(environment.get("EMAIL_ENGINE_DATABASE_URL"));
        }
    }

    private static Map<String, Object> workingSettings() {
        TestDatabase database = TestPostgres.get().createDatabase("required-settings");
        Map<String, Object> settings = new HashMap<>();
        settings.put("email-engine.database.url", database.jdbcUrl());
        settings.put("email-engine.database.username", database.username());
        settings.put("email-engine.database.password", database.password());
        settings.put("email-engine.kafka.bootstrap-servers", TestKafka.get().bootstrapServers());
        settings.put("email-engine.outbox.relay-enabled", "false");
        return settings;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> settings, Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test-settings", settings));
        environment.getPropertySources().addAfter("test-settings", new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", environmentVariables));
        SpringApplication application = new SpringApplication(KitTestApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        return application.run();
    }

    private static Throwable catchStartupFailure(Map<String, Object> settings) {
        try (ConfigurableApplicationContext ignored = start(settings, Map.of())) {
            throw new AssertionError("start-up should have failed");
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

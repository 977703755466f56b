package io.emailengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

    private static SandboxOptions parse(String... args) {
        return SandboxOptions.parse(args, new Properties());
    }

    @Test
    void withoutArgumentsUsesTheDocumentedDefaults() {
        SandboxOptions options = parse();

        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.services()).containsExactly("warmup-service", "pmta-config-service", "mailwizz-gateway",
                "bounce-ingest-service", "alerting-service");
        assertThat(options.exitWhenReady()).isFalse();
        assertThat(options.help()).isFalse();
        assertThat(options.dashboardPort()).isEqualTo(8080);
        assertThat(options.sshPort()).isEqualTo(2222);
        assertThat(options.mailwizzPort()).isEqualTo(8091);
        assertThat(options.mariadbPort()).isEqualTo(13306);
        assertThat(options.daySeconds()).isEqualTo(30);
        assertThat(options.seed()).isTrue();
        assertThat(options.incidents()).isTrue();
    }

    @Test
    void readsTheSimulationOptions() {
        SandboxOptions options = parse("--day-seconds=12", "--no-seed", "--no-incidents", "--ssh-port=2022",
                "--dashboard-port=18080");

        assertThat(options.daySeconds()).isEqualTo(12);
        assertThat(options.seed()).isFalse();
        assertThat(options.incidents()).isFalse();
        assertThat(options.sshPort()).isEqualTo(2022);
        assertThat(options.dashboardPort()).isEqualTo(18080);
    }

    @Test
    void rejectsADayShorterThanFiveSecondsOrLongerThanADay() {
        assertThatThrownBy(() -> parse("--day-seconds=4")).hasMessageContaining("--day-seconds must be between 5 and 86400");
        assertThatThrownBy(() -> parse("--day-seconds=86401")).hasMessageContaining("--day-seconds must be between 5 and 86400");
    }

    @Test
    void readsEveryOptionFromTheCommandLine() {
        SandboxOptions options = parse("--kafka-port=19092", "--postgres-port=25432", "--timeout=120",
                "--services=alerting-service,warmup-service", "--exit-when-ready");

        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.postgresPort()).isEqualTo(25432);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.services()).containsExactly("warmup-service", "alerting-service");
        assertThat(options.exitWhenReady()).isTrue();
    }

    @Test
    void readsSystemPropertiesAndLetsTheCommandLineWin() {
        Properties properties = new Properties();
        properties.setProperty("sandbox.kafka-port", "29092");
        properties.setProperty("sandbox.timeout", "30");
        properties.setProperty("unrelated.property", "x");

        SandboxOptions options = SandboxOptions.parse(new String[] {"--timeout=45"}, properties);

        assertThat(options.kafkaPort()).isEqualTo(29092);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void recognisesHelp() {
        assertThat(parse("--help").help()).isTrue();
    }

    @Test
    void rejectsUnknownOptionsBareArgumentsAndUnknownServices() {
        assertThatThrownBy(() -> parse("--kafka=1")).hasMessageContaining("Unknown option --kafka");
        assertThatThrownBy(() -> parse("run")).hasMessageContaining("Unexpected argument 'run'");
        assertThatThrownBy(() -> parse("--services=warmup-service,nope"))
                .hasMessageContaining("Unknown service 'nope'");
        assertThatThrownBy(() -> parse("--services=,")).hasMessageContaining("names no service");
    }

    @Test
    void rejectsInvalidNumbersAndClashingPorts() {
        assertThatThrownBy(() -> parse("--kafka-port=abc")).hasMessageContaining("--kafka-port");
        assertThatThrownBy(() -> parse("--postgres-port=70000")).hasMessageContaining("--postgres-port");
        assertThatThrownBy(() -> parse("--timeout=0")).hasMessageContaining("--timeout");
        assertThatThrownBy(() -> parse("--kafka-port=5000", "--postgres-port=5000")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> parse("--dashboard-port=8081")).hasMessageContaining("services' ports 8081-8085");
        assertThatThrownBy(() -> parse("--exit-when-ready=maybe")).hasMessageContaining("--exit-when-ready");
    }

    @Test
    void servicesListIsDeduplicatedAndTrimmed() {
        assertThat(parse("--services= warmup-service , warmup-service").services())
                .isEqualTo(List.of("warmup-service"));
    }
}

package io.emailengine.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerComposeTest {

    private static final List<String> SERVICES = List.of("warmup-service", "pmta-config-service", "mailwizz-gateway",
            "bounce-ingest-service", "alerting-service");
    private static final Path ROOT = Tools.projectRoot();
    private static JsonNode resolved;

    @BeforeAll
    static void resolveWithDockerCompose() throws Exception {
        Tools.require("docker-compose");
        Tools.Result config = Tools.run(ROOT, "docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml", "config");
        assertThat(config.exitCode()).as(config.output()).isZero();
        resolved = new YAMLMapper().readTree(config.output());
    }

    @Test
    void composeFileIsValidForDockerComposeWithTheDocumentedEnvironment() {
        assertThat(resolved.path("services").fieldNames()).toIterable()
                .containsAll(SERVICES).contains("kafka", "postgres", "prometheus", "grafana");
    }

    @Test
    void everyContainerHasAHealthcheckAndAMemoryLimit() {
        resolved.path("services").fields().forEachRemaining(service -> {
            assertThat(service.getValue().path("healthcheck").path("test").isMissingNode())
                    .as(service.getKey() + " healthcheck").isFalse();
            assertThat(service.getValue().path("mem_limit").asText()).as(service.getKey() + " mem_limit").isNotEmpty();
        });
    }

    @Test
    void servicesWaitForHealthyKafkaAndPostgresAndAreBuiltFromTheRepositoryDockerfile() {
        for (String name : SERVICES) {
            JsonNode service = resolved.path("services").path(name);
            assertThat(service.path("depends_on").path("kafka").path("condition").asText()).as(name).isEqualTo("service_healthy");
            assertThat(service.path("depends_on").path("postgres").path("condition").asText()).as(name).isEqualTo("service_healthy");
            assertThat(service.path("build").path("args").path("SERVICE").asText()).as(name).isEqualTo(name);
            assertThat(service.path("healthcheck").path("test").toString()).as(name).contains("/actuator/health/readiness");
        }
        assertThat(ROOT.resolve("Dockerfile")).exists();
    }

    @Test
    void everyVariableTheComposeFileUsesIsDocumentedInEnvExample() throws Exception {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (line.matches("[A-Z0-9_]+=.*")) {
                documented.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(documented).containsAll(used);
    }

    @Test
    void aMissingSecretStopsDockerComposeWithItsName() throws Exception {
        Path env = Files.createTempFile("compose", ".env");
        String withoutAdminKey = String.join("\n", Files.readAllLines(ROOT.resolve(".env.example")).stream()
                .filter(line -> !line.startsWith("ADMIN_API_KEY_HASH=")).toList());
        Files.writeString(env, withoutAdminKey);
        Tools.Result config = Tools.run(ROOT, "docker-compose", "--env-file", env.toString(), "-f", "docker-compose.yml", "config");
        Files.delete(env);
        assertThat(config.exitCode()).isNotZero();
        assertThat(config.output()).contains("ADMIN_API_KEY_HASH");
    }

    @Test
    void secretsFileIsNotCommitted() throws Exception {
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    }
}

package io.emailengine.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.emailengine.events.EventType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesManifestsTest {

    private static final Path K8S = Tools.projectRoot().resolve("k8s");
    private static final List<String> SERVICES = List.of("warmup-service", "pmta-config-service", "mailwizz-gateway",
            "bounce-ingest-service", "alerting-service");

    @Test
    void everyBaseManifestParsesStrictlyIntoTheKubernetesAndStrimziModels() throws Exception {
        List<HasMetadata> resources = baseResources();
        assertThat(resources).extracting(HasMetadata::getKind)
                .contains("Namespace", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "Kafka", "KafkaNodePool", "KafkaTopic");
    }

    @Test
    void strictParsingRejectsAnUnknownField() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replica: 2
                """;
        assertThatThrownBy(() -> StrictManifests.parse(misspelt, "test")).hasMessageContaining("spec.replica");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kustomizeBuildsEachLayoutIntoStrictlyValidManifests(String layout) throws Exception {
        Tools.require("kubectl");
        Tools.Result build = Tools.run(K8S, "kubectl", "kustomize", layout);
        assertThat(build.exitCode()).as(build.output()).isZero();
        List<HasMetadata> resources = StrictManifests.parse(build.output(), layout);
        assertThat(resources).filteredOn(r -> r instanceof Deployment).hasSize(SERVICES.size());
        assertThat(resources).allSatisfy(r -> assertThat(r.getMetadata().getNamespace() == null
                || r.getMetadata().getNamespace().startsWith("email-engine")).isTrue());
    }

    @Test
    void everyServiceHasADeploymentAServiceAndADisruptionBudget() throws Exception {
        List<HasMetadata> resources = baseResources();
        for (String name : SERVICES) {
            assertThat(find(resources, Deployment.class, name)).as(name + " Deployment").isNotNull();
            assertThat(find(resources, Service.class, name)).as(name + " Service").isNotNull();
            assertThat(find(resources, PodDisruptionBudget.class, name)).as(name + " PodDisruptionBudget").isNotNull();
            assertThat(find(resources, ConfigMap.class, name).getData()).containsKey("EMAIL_ENGINE_DATABASE_URL");
        }
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnTheConfiguredPort() throws Exception {
        List<HasMetadata> resources = baseResources();
        Properties kit = kitDefaults();
        assertThat(kit.getProperty("management.endpoint.health.group.liveness.include")).isNotBlank();
        assertThat(kit.getProperty("management.endpoint.health.group.readiness.include")).contains("db", "kafka");
        int port = Integer.parseInt(find(resources, ConfigMap.class, "email-engine-common").getData().get("SERVER_PORT"));
        for (String name : SERVICES) {
            Container container = find(resources, Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getContainerPort()).isEqualTo(port);
                assertThat(p.getName()).isEqualTo("http");
            });
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(find(resources, Deployment.class, name).getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(port));
        }
    }

    @Test
    void containersRunAsNonRootWithAReadOnlyRootFilesystemAndConfigFromConfigMapsAndSecrets() throws Exception {
        for (String name : SERVICES) {
            Deployment deployment = find(baseResources(), Deployment.class, name);
            var pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(container.getEnvFrom()).filteredOn(e -> e.getSecretRef() != null)
                    .extracting(e -> e.getSecretRef().getName()).containsExactly(name + "-secrets");
            assertThat(container.getEnvFrom()).filteredOn(e -> e.getConfigMapRef() != null)
                    .extracting(e -> e.getConfigMapRef().getName()).containsExactly("email-engine-common", name);
            assertThat(container.getEnv()).as("no literal settings, secrets least of all").isNullOrEmpty();
        }
    }

    @Test
    void everyTopicOfCommonEventsAndItsDltHasAKafkaTopicWithThePartitionsTheServicesDeclare() throws Exception {
        List<HasMetadata> resources = baseResources();
        Set<String> declared = resources.stream().filter(r -> r instanceof KafkaTopic)
                .map(r -> ((KafkaTopic) r).getSpec().getTopicName()).collect(Collectors.toSet());
        Set<String> expected = Arrays.stream(EventType.values())
                .flatMap(t -> Stream.of(t.topic(), t.deadLetterTopic())).collect(Collectors.toSet());
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);

        int partitions = Integer.parseInt(find(resources, ConfigMap.class, "email-engine-common").getData()
                .get("EMAIL_ENGINE_KAFKA_PARTITIONS"));
        assertThat(resources).filteredOn(r -> r instanceof KafkaTopic)
                .allSatisfy(t -> assertThat(((KafkaTopic) t).getSpec().getPartitions()).isEqualTo(partitions));
    }

    private static List<HasMetadata> baseResources() throws IOException {
        JsonNode kustomization = new YAMLMapper().readTree(K8S.resolve("base/kustomization.yaml").toFile());
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode file : kustomization.path("resources")) {
            Path path = K8S.resolve("base").resolve(file.asText());
            resources.addAll(StrictManifests.parse(Files.readString(path), path.toString()));
        }
        return resources;
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> resources, Class<T> type, String name) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> name.equals(r.getMetadata().getName())).findFirst().orElse(null);
    }

    private static Properties kitDefaults() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Tools.projectRoot()
                .resolve("service-kit/src/main/resources/META-INF/email-engine/kit-defaults.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}

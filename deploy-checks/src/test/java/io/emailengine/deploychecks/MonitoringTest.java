package io.emailengine.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    private static final Path MONITORING = Tools.projectRoot().resolve("monitoring");
    private static final Path RULES = MONITORING.resolve("rules");
    private static final Path DASHBOARDS = MONITORING.resolve("grafana/dashboards");

    @Test
    void prometheusConfigurationPassesPromtool() {
        Tools.require("promtool");
        Tools.Result check = Tools.run(MONITORING, "promtool", "check", "config", "prometheus.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void alertRulesPassPromtoolCheck() throws IOException {
        Tools.require("promtool");
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        ruleFiles().forEach(f -> command.add(f.getFileName().toString()));
        Tools.Result check = Tools.run(RULES, command.toArray(String[]::new));
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void alertRulesPassTheirPromtoolUnitTests() throws IOException {
        Tools.require("promtool");
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> tests = Files.list(RULES.resolve("tests"))) {
            tests.filter(f -> f.toString().endsWith(".test.yml")).sorted().forEach(f -> command.add(f.getFileName().toString()));
        }
        Tools.Result test = Tools.run(RULES.resolve("tests"), command.toArray(String[]::new));
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsCoveredByAUnitTestAndCarriesSeveritySummaryAndDescription() throws IOException {
        Set<String> tested = new HashSet<>();
        try (Stream<Path> tests = Files.list(RULES.resolve("tests"))) {
            for (Path test : tests.toList()) {
                new YAMLMapper().readTree(test.toFile()).path("tests").forEach(t ->
                        t.path("alert_rule_test").forEach(a -> tested.add(a.path("alertname").asText())));
            }
        }
        for (Path file : ruleFiles()) {
            for (JsonNode group : new YAMLMapper().readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!rule.has("alert")) {
                        continue;
                    }
                    String alert = rule.path("alert").asText();
                    assertThat(tested).as("unit test for " + alert).contains(alert);
                    assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("info", "warning", "critical");
                    assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                    assertThat(rule.path("annotations").path("description").asText()).as(alert).isNotBlank();
                }
            }
        }
    }

    @Test
    void dashboardsAreValidJsonWithUniqueUidsOnTheProvisionedDatasource() throws IOException {
        Set<String> uids = new HashSet<>();
        List<Path> dashboards = dashboardFiles();
        assertThat(dashboards).isNotEmpty();
        for (Path file : dashboards) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.path("title").asText()).as(file.toString()).isNotBlank();
            for (JsonNode panel : MonitoringQueries.panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).as(file + " " + panel.path("title"))
                            .isEqualTo("prometheus");
                }
            }
        }
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws IOException {
        Tools.require("promtool");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        for (Path file : dashboardFiles()) {
            for (String expr : MonitoringQueries.dashboardExpressions(new ObjectMapper().readTree(file.toFile()))) {
                rules.append("      - record: dashboard_query_").append(n++).append("\n        expr: ")
                        .append(new ObjectMapper().writeValueAsString(MonitoringQueries.withoutVariables(expr))).append('\n');
            }
        }
        assertThat(n).isPositive();
        Path temp = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(temp, rules);
        Tools.Result check = Tools.run(temp.getParent(), "promtool", "check", "rules", temp.getFileName().toString());
        Files.delete(temp);
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(RULES)) {
            return files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList();
        }
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}

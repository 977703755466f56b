package io.emailengine.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the PromQL expressions out of Grafana dashboards (panels may nest inside rows). */
final class MonitoringQueries {

    private MonitoringQueries() {
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collect(dashboard.path("panels"), panels);
        return panels;
    }

    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            panel.path("targets").forEach(t -> {
                if (!t.path("expr").asText().isBlank()) {
                    expressions.add(t.path("expr").asText());
                }
            });
        }
        return expressions;
    }

    /** Grafana variables ({@code $service}, {@code ${provider}}, {@code $__rate_interval}) made parseable. */
    static String withoutVariables(String expr) {
        return expr.replace("$__rate_interval", "5m").replace("$__interval", "1m")
                .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", ".*");
    }

    private static void collect(JsonNode nodes, List<JsonNode> into) {
        for (JsonNode panel : nodes) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }
}

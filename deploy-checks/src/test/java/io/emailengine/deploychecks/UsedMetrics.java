package io.emailengine.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The metric names the alert rules and dashboards in monitoring/ query. */
final class UsedMetrics {

    /** PromQL words that look like metric names but are not. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    /** Series Prometheus makes itself. */
    private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private UsedMetrics() {
    }

    static Set<String> in(Path monitoring) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> rules = Files.list(monitoring.resolve("rules"))) {
            for (Path file : rules.filter(f -> f.toString().endsWith(".rules.yml")).toList()) {
                for (JsonNode group : new YAMLMapper().readTree(file.toFile()).path("groups")) {
                    group.path("rules").forEach(rule -> names.addAll(metricsOf(rule.path("expr").asText())));
                }
            }
        }
        try (Stream<Path> dashboards = Files.list(monitoring.resolve("grafana/dashboards"))) {
            for (Path file : dashboards.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                MonitoringQueries.dashboardExpressions(dashboard).forEach(expr -> names.addAll(metricsOf(expr)));
            }
        }
        return names;
    }

    static Set<String> metricsOf(String expr) {
        String stripped = MonitoringQueries.withoutVariables(expr)
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")                       // string literals
                .replaceAll("\\{[^}]*}", " ")                                        // label matchers
                .replaceAll("\\[[^]]*]", " ")                                        // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < stripped.length() && stripped.charAt(next) == ' ') {
                next++;
            }
            boolean function = next < stripped.length() && stripped.charAt(next) == '(';
            boolean number = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(word) && !SYNTHETIC.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }
}

package io.emailengine.sandbox.loop;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailengine.sandbox.EngineApi;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What warmup-service says about an IP, read through its API as an operator would. */
final class WarmupProbe {

    /** One provider of one IP now. */
    record ProviderNow(String phase, int stage, int day, long daily, long hourly, String pausedUntil) {
    }

    /** One decision from the log. */
    record DecisionRow(String decisionId, Instant decidedAt, String cause, String provider, String kind, long fromDaily,
                       long toDaily, String reason, List<String> signalCodes) {
    }

    private final EngineApi warmup;

    WarmupProbe(EngineApi warmup) {
        this.warmup = warmup;
    }

    static String base(String tenant, String ip) {
        return "/api/v1/tenants/" + tenant + "/ips/" + ip + "/warmup";
    }

    Map<String, ProviderNow> status(String tenant, String ip) throws IOException {
        JsonNode status = warmup.get(base(tenant, ip));
        Map<String, ProviderNow> providers = new LinkedHashMap<>();
        status.path("providers").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            providers.put(e.getKey(), new ProviderNow(v.path("phase").asText(), v.path("stage").asInt(),
                    v.path("warmupDay").asInt(), v.path("dailyQuota").asLong(), v.path("hourlyQuota").asLong(),
                    v.path("pausedUntil").isNull() ? null : v.path("pausedUntil").asText(null)));
        });
        return providers;
    }

    List<DecisionRow> decisions(String tenant, String ip) throws IOException {
        List<DecisionRow> rows = new ArrayList<>();
        for (JsonNode entry : warmup.get(base(tenant, ip) + "/decisions?limit=500")) {
            JsonNode d = entry.path("decision");
            List<String> codes = new ArrayList<>();
            d.path("signalCodes").forEach(code -> codes.add(code.asText()));
            rows.add(new DecisionRow(entry.path("decisionId").asText(), Instant.parse(entry.path("decidedAt").asText()),
                    entry.path("cause").asText(), d.path("provider").asText(), d.path("kind").asText(),
                    d.path("fromDaily").asLong(), d.path("toDaily").asLong(), d.path("reason").asText(), codes));
        }
        return rows;
    }

    long totalDaily(String tenant, String ip) throws IOException {
        return status(tenant, ip).values().stream().mapToLong(ProviderNow::daily).sum();
    }

    long totalHourly(String tenant, String ip) throws IOException {
        return status(tenant, ip).values().stream().mapToLong(ProviderNow::hourly).sum();
    }
}

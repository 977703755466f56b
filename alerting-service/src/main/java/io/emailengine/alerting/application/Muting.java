package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Inhibition;
import io.emailengine.alerting.domain.Silence;
import io.emailengine.alerting.domain.StoredAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Decides, at one instant, which alerts of a tenant are silenced or inhibited. */
@Component
public class Muting {

    private static final int MAX_INHIBITION_SOURCES = 1000;

    private final SilenceStore silences;
    private final AlertStore alerts;
    private final List<Inhibition> inhibitions;

    public Muting(SilenceStore silences, AlertStore alerts, List<Inhibition> inhibitions) {
        this.silences = silences;
        this.alerts = alerts;
        this.inhibitions = inhibitions;
    }

    /** A snapshot of what mutes a tenant's alerts now. */
    public Snapshot at(String tenant, Instant now) {
        List<Silence> active = silences.notExpired(tenant, now).stream().filter(s -> s.isActiveAt(now)).toList();
        List<Map<String, String>> sources = inhibitions.isEmpty() ? List.of()
                : alerts.firing(tenant, List.of("critical", "warning", "info"), MAX_INHIBITION_SOURCES).stream()
                        .map(StoredAlert::matchableLabels)
                        .filter(labels -> inhibitions.stream().anyMatch(rule -> rule.isSource(labels)))
                        .toList();
        return new Snapshot(tenant, now, active, sources, inhibitions);
    }

    /** Silences and inhibiting alerts in force at one instant. */
    public record Snapshot(String tenant, Instant now, List<Silence> silences, List<Map<String, String>> inhibitingSources,
                           List<Inhibition> rules) {

        public boolean mutes(StoredAlert alert) {
            Map<String, String> labels = alert.matchableLabels();
            if (silences.stream().anyMatch(silence -> silence.mutes(tenant, labels, now))) {
                return true;
            }
            return inhibitingSources.stream().anyMatch(source ->
                    rules.stream().anyMatch(rule -> rule.inhibits(source, labels)));
        }
    }
}

package io.emailengine.warmup.application;

import io.emailengine.kit.outbox.OutboxPublisher;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.RegisteredIp;
import io.emailengine.warmup.domain.WarmupStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: re-check the DNS readiness of every warming IP (daily by default). A check that passed
 * before and fails now raises a warning; the first pass after a failure resolves it. One IP per
 * transaction, so a slow or failing resolver for one IP does not hold back the others.
 */
@Service
public class ReadinessMonitor {

    static final String ALERT_KIND = "dns-readiness";

    private final InventoryStore inventory;
    private final ReadinessCheck readiness;
    private final ReadinessLedger ledger;
    private final OutboxPublisher outbox;
    private final EngineSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ReadinessMonitor(InventoryStore inventory, ReadinessCheck readiness, ReadinessLedger ledger, OutboxPublisher outbox,
                            EngineSettings settings, TransactionTemplate tx, Clock clock) {
        this.inventory = inventory;
        this.readiness = readiness;
        this.ledger = ledger;
        this.outbox = outbox;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** @return how many IPs regressed in this run */
    public int recheckWarming(List<TenantId> tenants) {
        int regressions = 0;
        for (TenantId tenant : tenants) {
            for (RegisteredIp ip : inventory.list(tenant)) {
                if (ip.warmupStatus() == WarmupStatus.WARMING) {
                    Boolean regressed = tx.execute(status -> recheck(ip));
                    regressions += Boolean.TRUE.equals(regressed) ? 1 : 0;
                }
            }
        }
        return regressions;
    }

    private boolean recheck(RegisteredIp ip) {
        ReadinessCheck.Report report = readiness.check(ip.spec());
        String text = report.checks().stream().map(c -> c.name() + (c.passed() ? " ok: " : " FAILED: ") + c.found())
                .collect(Collectors.joining("\n"));
        Instant now = clock.instant();
        Boolean before = ledger.record(ip.spec().ip(), report.passed(), text, now).orElse(null);
        if (before == null || before == report.passed()) {
            return false;
        }
        Map<String, String> labels = Map.of("ip", ip.spec().ip().value(), "tenant", ip.tenant().value());
        String fingerprint = AlertRaised.fingerprintOf(settings.producer(), ALERT_KIND, labels);
        boolean regressed = !report.passed();
        AlertRaised alert = new AlertRaised(fingerprint, regressed ? Severity.WARNING : Severity.INFO, settings.producer(),
                (regressed ? "DNS readiness regressed for " : "DNS readiness restored for ") + ip.spec().ip().value(), text,
                new TreeMap<>(labels), regressed ? AlertStatus.FIRING : AlertStatus.RESOLVED);
        outbox.publishAll(List.of(EventEnvelope.of(alert, ip.tenant(), settings.producer(), clock)));
        return regressed;
    }
}

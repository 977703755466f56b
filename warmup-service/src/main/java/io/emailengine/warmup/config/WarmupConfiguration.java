package io.emailengine.warmup.config;

import io.emailengine.events.provider.ProviderCatalogue;
import io.emailengine.events.types.Provider;
import io.emailengine.warmup.adapter.out.DnsReadinessCheck;
import io.emailengine.warmup.adapter.out.ReadinessNotChecked;
import io.emailengine.warmup.application.EngineSettings;
import io.emailengine.warmup.application.KnownDkimKeys;
import io.emailengine.warmup.application.ReadinessCheck;
import io.emailengine.warmup.application.RetentionSettings;
import io.emailengine.warmup.domain.ConnectionPolicy;
import io.emailengine.warmup.domain.GrowthCaps;
import io.emailengine.warmup.domain.PlanTemplate;
import io.emailengine.warmup.domain.SignalRule;
import io.emailengine.warmup.domain.StandardPlan;
import io.emailengine.warmup.domain.WarmupRules;
import io.emailengine.warmup.domain.WarmupSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Builds the pure-Java rules and plans from the settings, and picks the DNS readiness checker. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WarmupProperties.class)
public class WarmupConfiguration {

    @Bean
    WarmupSettings warmupSettings(WarmupProperties properties) {
        WarmupProperties.Rules r = properties.rules();
        List<SignalRule> signalRules = r.signalRules() == null || r.signalRules().isEmpty()
                ? WarmupSettings.defaultSignalRules()
                : r.signalRules().stream().map(s -> new SignalRule(s.code(), s.action(), s.pauseFor(), s.cutFactor(),
                        s.minCount())).toList();
        return new WarmupSettings(r.promoteDeliveredRatio(), r.maxHardBounceRate(), r.maxComplaintRate(), r.maxDeferralRate(),
                r.pauseHardBounceRate(), r.pauseComplaintRate(), r.dayMinAttempts(), r.dayMinDelivered(), r.hourMinAttempts(),
                r.hourMinDelivered(), r.stepBackFactor(), r.recoveryHoldDays(), r.maintenanceFloor(), r.idleToCold(),
                r.sendingDay(), signalRules, r.highVolumeHoldFrom(), r.highVolumeHoldDays(),
                // a signal rule counts over the tick period, immediately and at the tick alike
                properties.tick().period());
    }

    @Bean
    WarmupRules warmupRules(WarmupSettings settings) {
        return new WarmupRules(settings);
    }

    @Bean
    GrowthCaps growthCaps(WarmupProperties properties) {
        WarmupProperties.Plan p = properties.plan();
        return new GrowthCaps(p.smallGrowth(), p.midVolume(), p.midGrowth(), p.highVolume(), p.highGrowth());
    }

    /** The standard plan for every provider of the catalogue; fails start-up if the settings cannot reach the targets. */
    @Bean
    PlanTemplate standardPlan(WarmupProperties properties, GrowthCaps caps, ProviderCatalogue catalogue) {
        WarmupProperties.Plan p = properties.plan();
        Map<String, Long> start = merged(WarmupProperties.Plan.DEFAULT_START, p.startVolumes());
        Map<String, Long> targets = merged(WarmupProperties.Plan.DEFAULT_TARGETS, p.targets());
        Map<Provider, Long> startByProvider = new HashMap<>();
        Map<Provider, Long> targetByProvider = new HashMap<>();
        for (Provider provider : catalogue.providers()) {
            startByProvider.put(provider, start.getOrDefault(provider.name(), start.get("other")));
            targetByProvider.put(provider, targets.getOrDefault(provider.name(), targets.get("other")));
        }
        return StandardPlan.build(startByProvider, targetByProvider, p.days(), caps);
    }

    @Bean
    ConnectionPolicy connectionPolicy(WarmupProperties properties) {
        WarmupProperties.Pmta p = properties.pmta();
        return new ConnectionPolicy(p.maxSmtpOut(), p.hourlyPerConnection(), p.maxMsgPerConnection());
    }

    @Bean
    EngineSettings engineSettings(WarmupProperties properties, @Value("${spring.application.name}") String producer) {
        return new EngineSettings(properties.tick().period(), producer);
    }

    /** Fails start-up when a retention would purge rows the rules still read. */
    @Bean
    RetentionSettings retentionSettings(WarmupProperties properties, WarmupSettings rules) {
        WarmupProperties.Retention r = properties.retention();
        return new RetentionSettings(r.providerSignals(), r.deliveryHours(), r.chunkRows(), r.maxChunksPerRun())
                .requireLongerThanReadsOf(rules);
    }

    @Bean
    ReadinessCheck readinessCheck(WarmupProperties properties, KnownDkimKeys knownDkimKeys) {
        WarmupProperties.Dns dns = properties.dns();
        if (!dns.enabled()) {
            return new ReadinessNotChecked();
        }
        return new DnsReadinessCheck(dns.resolver(), dns.port(), dns.timeout(), knownDkimKeys);
    }

    private static Map<String, Long> merged(Map<String, Long> defaults, Map<String, Long> overrides) {
        Map<String, Long> merged = new HashMap<>(defaults);
        if (overrides != null) {
            merged.putAll(overrides);
        }
        return merged;
    }
}

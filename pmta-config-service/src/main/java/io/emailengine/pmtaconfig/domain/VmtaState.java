package io.emailengine.pmtaconfig.domain;

import io.emailengine.events.PmtaConfigRequested;
import io.emailengine.events.VirtualMtaSpec;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The desired state of one virtual MTA, every field whitelisted. Constructed for each render from
 * the stored request, so a value that slipped into storage by an older rule is still refused
 * before it reaches a config line.
 *
 * @param pool the {@code <virtual-mta-pool>} this VMTA belongs to: the spec's pool, else its tenant
 */
public record VmtaState(String name, String ip, String heloHostname, String sendingDomain, String dkimSelector,
                        String pool, SortedMap<String, VmtaLimits> providerLimits, SortedSet<String> pausedProviders) {

    public VmtaState {
        name = ConfigValues.vmtaName("vmta.name", name);
        ip = ConfigValues.ip("vmta.ip", ip);
        heloHostname = ConfigValues.domain("vmta.heloHostname", heloHostname);
        sendingDomain = ConfigValues.domain("vmta.sendingDomain", sendingDomain);
        dkimSelector = ConfigValues.token("vmta.dkimSelector", dkimSelector);
        pool = ConfigValues.token("vmta.pool", pool);
        TreeMap<String, VmtaLimits> limits = new TreeMap<>();
        if (providerLimits != null) {
            providerLimits.forEach((provider, value) -> {
                ConfigValues.token("providerLimits key", provider);
                if (value == null) {
                    throw new InvalidConfigValueException("providerLimits." + provider, "is required");
                }
                limits.put(provider, value);
            });
        }
        providerLimits = Collections.unmodifiableSortedMap(limits);
        TreeSet<String> paused = new TreeSet<>();
        if (pausedProviders != null) {
            pausedProviders.forEach(provider -> paused.add(ConfigValues.token("pausedProviders", provider)));
        }
        pausedProviders = Collections.unmodifiableSortedSet(paused);
    }

    /** Maps the event contract onto the config model; the tenant names the pool when the spec has none. */
    public static VmtaState of(PmtaConfigRequested request, String tenant) {
        VirtualMtaSpec spec = request.vmta();
        TreeMap<String, VmtaLimits> limits = new TreeMap<>();
        request.providerLimits().forEach((provider, value) -> limits.put(provider.name(),
                new VmtaLimits(value.maxMsgRate().toPmta(), value.maxSmtpOut(), value.maxMsgPerConnection())));
        TreeSet<String> paused = new TreeSet<>();
        request.pausedProviders().forEach(provider -> paused.add(provider.name()));
        String pool = spec.pool() != null ? spec.pool() : tenant;
        if (pool == null) {
            throw new InvalidConfigValueException("vmta.pool", "is required when the event carries no tenant");
        }
        return new VmtaState(spec.name().value(), spec.ip().value(), spec.heloHostname(), spec.sendingDomain(),
                spec.dkimSelector(), pool, limits, paused);
    }

    public static VmtaState of(String name, String ip, String helo, String domain, String selector, String pool,
                               Map<String, VmtaLimits> limits, Set<String> paused) {
        return new VmtaState(name, ip, helo, domain, selector, pool, new TreeMap<>(limits), new TreeSet<>(paused));
    }
}

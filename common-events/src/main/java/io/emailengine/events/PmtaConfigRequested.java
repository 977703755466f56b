package io.emailengine.events;

import io.emailengine.events.types.HostId;
import io.emailengine.events.types.Provider;

import java.util.Map;
import java.util.Set;

/**
 * The desired PowerMTA state of one IP's virtual MTA. Level-triggered: it carries the whole desired
 * state, so the latest event per virtual MTA is all the config service needs.
 */
public record PmtaConfigRequested(
        HostId host,
        VirtualMtaSpec vmta,
        Map<Provider, ProviderLimits> providerLimits,
        Set<Provider> pausedProviders) implements EventPayload {

    public PmtaConfigRequested {
        Fields.required(host, "PmtaConfigRequested.host");
        Fields.required(vmta, "PmtaConfigRequested.vmta");
        providerLimits = Fields.sortedCopy(providerLimits, "PmtaConfigRequested.providerLimits");
        pausedProviders = Fields.sortedCopy(pausedProviders, "PmtaConfigRequested.pausedProviders");
    }

    /** Keyed by host: one host's config changes are applied in order by one consumer. */
    @Override
    public String partitionKey() {
        return host.value();
    }
}

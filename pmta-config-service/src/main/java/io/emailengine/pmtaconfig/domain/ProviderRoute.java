package io.emailengine.pmtaconfig.domain;

import java.util.List;

/**
 * How a provider's cap is made to cover all of its mail. With MX suffixes, an {@code <mx-rollup-list>}
 * folds every recipient domain hosted by the provider into one queue {@code <provider>.rollup} per
 * virtual MTA, so one {@code <domain>} block limits the whole provider (Microsoft receives under many
 * domains). Without MX suffixes the provider's domain list is written, one block per domain; without
 * either (the {@code other} provider) the limits go to {@code <domain *>}.
 */
public record ProviderRoute(String provider, List<String> domains, List<String> mxSuffixes) {

    public ProviderRoute {
        String name = ConfigValues.token("provider", provider);
        provider = name;
        domains = domains == null ? List.of()
                : domains.stream().map(d -> ConfigValues.domain("provider " + name + " domain", d)).sorted().toList();
        mxSuffixes = mxSuffixes == null ? List.of()
                : mxSuffixes.stream().map(d -> ConfigValues.domain("provider " + name + " mx suffix", d)).sorted().toList();
    }

    public boolean rolledUp() {
        return !mxSuffixes.isEmpty();
    }

    public String rollupName() {
        return provider + ".rollup";
    }
}

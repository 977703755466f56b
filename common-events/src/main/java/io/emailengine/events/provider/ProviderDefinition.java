package io.emailengine.events.provider;

import io.emailengine.events.types.Provider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which recipient domains and which MX host suffixes belong to one provider. Names are stored
 * lowercase without a trailing dot, because DNS names compare case-insensitively.
 */
public record ProviderDefinition(Provider provider, List<String> domains, List<String> mxSuffixes) {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    public ProviderDefinition {
        Objects.requireNonNull(provider, "ProviderDefinition.provider is required");
        domains = normalised(domains, provider, "domain");
        mxSuffixes = normalised(mxSuffixes, provider, "MX suffix");
    }

    static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static List<String> normalised(List<String> names, Provider provider, String what) {
        if (names == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            String clean = normalise(Objects.requireNonNull(name, () -> provider + ": null " + what));
            if (!DOMAIN.matcher(clean).matches()) {
                throw new IllegalArgumentException(provider + ": invalid " + what + " '" + name + "'");
            }
            unique.add(clean);
        }
        return List.copyOf(new ArrayList<>(unique));
    }
}

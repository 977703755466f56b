package io.emailengine.events.provider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.types.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Attributes mail to a provider (gmail, microsoft, yahoo, ... or other). Warmup limits are per
 * provider, so bounce ingestion, warmup and PowerMTA config must all agree on this mapping; that
 * is why it lives in the shared contracts. Immutable and thread-safe.
 */
public final class ProviderCatalogue {

    static final String DEFAULTS_RESOURCE = "io/emailengine/events/provider/default-providers.json";
    private static final String ROLLUP_SUFFIX = ".rollup";

    private final List<ProviderDefinition> definitions;
    private final Map<String, Provider> byDomain;
    private final Map<String, Provider> byMxSuffix;

    private ProviderCatalogue(List<ProviderDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        this.byDomain = index(definitions, ProviderDefinition::domains, "domain");
        this.byMxSuffix = index(definitions, ProviderDefinition::mxSuffixes, "MX suffix");
    }

    /** The built-in catalogue, read once from {@value #DEFAULTS_RESOURCE}. */
    public static ProviderCatalogue defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * Validates that no provider is defined twice and no domain or MX suffix is claimed by two
     * providers; adds an empty {@code other} definition if missing, so there is always a fallback.
     */
    public static ProviderCatalogue of(List<ProviderDefinition> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        Map<Provider, ProviderDefinition> byProvider = new LinkedHashMap<>();
        for (ProviderDefinition definition : definitions) {
            Objects.requireNonNull(definition, "provider definition");
            if (byProvider.putIfAbsent(definition.provider(), definition) != null) {
                throw new IllegalArgumentException("provider '" + definition.provider() + "' is defined twice");
            }
        }
        byProvider.putIfAbsent(Provider.OTHER, new ProviderDefinition(Provider.OTHER, List.of(), List.of()));
        return new ProviderCatalogue(new ArrayList<>(byProvider.values()));
    }

    /** Operator configuration on top of this catalogue: same provider replaces, new provider adds. */
    public ProviderCatalogue withOverrides(List<ProviderDefinition> overrides) {
        Map<Provider, ProviderDefinition> merged = new LinkedHashMap<>();
        definitions.forEach(definition -> merged.put(definition.provider(), definition));
        Objects.requireNonNull(overrides, "overrides").forEach(definition -> merged.put(definition.provider(), definition));
        return of(new ArrayList<>(merged.values()));
    }

    /** Exact, case-insensitive domain match: {@code mail.gmail.com} is not gmail's. Unknown gives other. */
    public Provider byRecipientDomain(String domain) {
        return byDomain.getOrDefault(ProviderDefinition.normalise(Objects.requireNonNull(domain, "domain")),
                Provider.OTHER);
    }

    /** Convenience for a full address: the part after the last {@code @}. */
    public Provider byRecipient(String address) {
        Objects.requireNonNull(address, "address");
        return byRecipientDomain(address.substring(address.lastIndexOf('@') + 1));
    }

    /**
     * Matches an MX host against the suffixes on label boundaries, longest suffix first:
     * {@code alt1.gmail-smtp-in.l.google.com} is gmail, {@code evilgoogle.com} is not.
     */
    public Provider byMxHost(String mxHost) {
        String host = ProviderDefinition.normalise(Objects.requireNonNull(mxHost, "mxHost"));
        for (String candidate = host; !candidate.isEmpty(); candidate = parentOf(candidate)) {
            Provider provider = byMxSuffix.get(candidate);
            if (provider != null) {
                return provider;
            }
        }
        return Provider.OTHER;
    }

    /**
     * Provider of a PowerMTA queue domain such as {@code gmail.rollup} or {@code gmail.rollup/vmta1}.
     * The rollup name is looked up as a provider name first, then as the first label of a provider's
     * domain ({@code outlook.rollup} is microsoft because of {@code outlook.com}). A queue domain that
     * is not a rollup is treated as a recipient domain.
     */
    public Provider byRollupName(String queueDomain) {
        String queue = Objects.requireNonNull(queueDomain, "queueDomain");
        int slash = queue.indexOf('/');
        String domain = ProviderDefinition.normalise(slash >= 0 ? queue.substring(0, slash) : queue);
        if (!domain.endsWith(ROLLUP_SUFFIX)) {
            return byRecipientDomain(domain);
        }
        String name = domain.substring(0, domain.length() - ROLLUP_SUFFIX.length());
        for (ProviderDefinition definition : definitions) {
            if (definition.provider().name().equals(name)) {
                return definition.provider();
            }
        }
        for (ProviderDefinition definition : definitions) {
            for (String providerDomain : definition.domains()) {
                if (providerDomain.startsWith(name + ".")) {
                    return definition.provider();
                }
            }
        }
        return Provider.OTHER;
    }

    public List<ProviderDefinition> definitions() {
        return definitions;
    }

    public Set<Provider> providers() {
        Set<Provider> providers = new LinkedHashSet<>();
        definitions.forEach(definition -> providers.add(definition.provider()));
        return Collections.unmodifiableSet(providers);
    }

    private static String parentOf(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? "" : host.substring(dot + 1);
    }

    private static Map<String, Provider> index(List<ProviderDefinition> definitions,
                                               Function<ProviderDefinition, List<String>> names,
                                               String what) {
        Map<String, Provider> index = new HashMap<>();
        for (ProviderDefinition definition : definitions) {
            for (String name : names.apply(definition)) {
                Provider previous = index.putIfAbsent(name, definition.provider());
                if (previous != null) {
                    throw new IllegalArgumentException(what + " '" + name + "' is claimed by both '" + previous
                            + "' and '" + definition.provider() + "'");
                }
            }
        }
        return Map.copyOf(index);
    }

    /** Holder idiom: the resource is read once, on first use, and thread-safely. */
    private static final class Defaults {
        static final ProviderCatalogue INSTANCE = load();

        private static ProviderCatalogue load() {
            try (InputStream in = ProviderCatalogue.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + DEFAULTS_RESOURCE);
                }
                return of(new ObjectMapper().readValue(in, new TypeReference<List<ProviderDefinition>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
            }
        }
    }
}

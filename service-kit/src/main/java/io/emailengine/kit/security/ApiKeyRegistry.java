package io.emailengine.kit.security;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.config.EmailEngineProperties;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The configured key hashes and whom each one stands for. */
public class ApiKeyRegistry {

    private final List<Entry> entries;

    public ApiKeyRegistry(List<EmailEngineProperties.ApiKey> keys) {
        this.entries = keys.stream().map(key -> new Entry(
                HexFormat.of().parseHex(key.hash().substring(ApiKeys.HASH_PREFIX.length())),
                new TenantPrincipal(key.name(), key.tenant() == null ? null : new TenantId(key.tenant()), key.admin())))
                .toList();
    }

    /**
     * Compares the presented key's hash with every configured hash in constant time and without
     * stopping at a match, so timing tells nothing about which or how many keys exist.
     */
    public Optional<TenantPrincipal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = ApiKeys.digest(presentedKey);
        TenantPrincipal match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && match == null) {
                match = entry.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    public int size() {
        return entries.size();
    }

    private record Entry(byte[] hash, TenantPrincipal principal) {
    }
}

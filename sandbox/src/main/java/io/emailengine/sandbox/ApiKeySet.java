package io.emailengine.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API keys of one sandbox run, fresh at every start: one admin key and one key per tenant. The services only get
 * the hashes ({@code EMAIL_ENGINE_SECURITY_API_KEYS_<i>_*}); the keys themselves are printed for the developer.
 */
public record ApiKeySet(List<ApiKey> keys, String ingestToken) {

    public static final List<String> TENANTS = List.of("tenant-a", "tenant-b");
    public static final String ADMIN_NAME = "sandbox-admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One key: {@code tenant} is null for the admin key. */
    public record ApiKey(String name, String key, String tenant, boolean admin) {

        public String hash() {
            return ApiKeySet.hash(key);
        }
    }

    public ApiKeySet {
        keys = List.copyOf(keys);
    }

    public ApiKeySet(List<ApiKey> keys) {
        this(keys, newKey());
    }

    public static ApiKeySet generate() {
        List<ApiKey> keys = new java.util.ArrayList<>();
        keys.add(new ApiKey(ADMIN_NAME, newKey(), null, true));
        for (String tenant : TENANTS) {
            keys.add(new ApiKey(tenant, newKey(), tenant, false));
        }
        return new ApiKeySet(keys, newKey());
    }

    /** {@code ee_} followed by 32 random bytes in unpadded base64url (the format of service-kit's ApiKeys). */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ee_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code sha256:} followed by the lowercase hex SHA-256 of the key's UTF-8 bytes. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The environment variables that configure these keys (hashes only) in a service. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            ApiKey key = keys.get(i);
            String prefix = "EMAIL_ENGINE_SECURITY_API_KEYS_" + i + "_";
            env.put(prefix + "NAME", key.name());
            env.put(prefix + "HASH", key.hash());
            if (key.admin()) {
                env.put(prefix + "ADMIN", "true");
            }
            if (key.tenant() != null) {
                env.put(prefix + "TENANT", key.tenant());
            }
        }
        return env;
    }

    /** What configures the sandbox's accounting source in bounce-ingest-service (the token's hash only). */
    public Map<String, String> ingestEnvironment() {
        return Map.of("EMAIL_ENGINE_BOUNCE_INGEST_SOURCES_0_NAME", "sandbox",
                "EMAIL_ENGINE_BOUNCE_INGEST_SOURCES_0_TOKEN_HASH", hash(ingestToken));
    }

    public ApiKey admin() {
        return keys.stream().filter(ApiKey::admin).findFirst().orElseThrow();
    }

    public ApiKey tenant(String tenant) {
        return keys.stream().filter(k -> tenant.equals(k.tenant())).findFirst().orElseThrow();
    }
}

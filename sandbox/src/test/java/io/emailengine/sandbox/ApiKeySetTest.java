package io.emailengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiKeySetTest {

    @Test
    void hashIsSha256PrefixPlusLowercaseHexOfTheUtf8Bytes() {
        // SHA-256("abc") from FIPS 180-2
        assertThat(ApiKeySet.hash("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // non-ASCII input is hashed as UTF-8: SHA-256 of the two bytes C3 A9
        assertThat(ApiKeySet.hash("\u00e9"))
                .isEqualTo("sha256:" + java.util.HexFormat.of().formatHex(sha256(new byte[] {(byte) 0xc3, (byte) 0xa9})));
        assertThat(ApiKeySet.hash(ApiKeySet.newKey())).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void generatedKeysAreEePrefixedBase64UrlOf32RandomBytesAndDifferEveryTime() {
        ApiKeySet keys = ApiKeySet.generate();

        assertThat(keys.keys()).hasSize(3);
        assertThat(keys.keys()).allSatisfy(key -> {
            assertThat(key.key()).matches("ee_[A-Za-z0-9_-]{43}");
            assertThat(java.util.Base64.getUrlDecoder().decode(key.key().substring(3))).hasSize(32);
        });
        assertThat(keys.keys()).extracting(ApiKeySet.ApiKey::key).doesNotHaveDuplicates();
        assertThat(ApiKeySet.generate().admin().key()).isNotEqualTo(keys.admin().key());
    }

    @Test
    void oneAdminKeyAndOneKeyPerTenant() {
        ApiKeySet keys = ApiKeySet.generate();

        assertThat(keys.keys()).extracting(ApiKeySet.ApiKey::name)
                .containsExactly("sandbox-admin", "tenant-a", "tenant-b");
        assertThat(keys.admin().admin()).isTrue();
        assertThat(keys.admin().tenant()).isNull();
        assertThat(keys.tenant("tenant-a").admin()).isFalse();
        assertThat(keys.tenant("tenant-b").tenant()).isEqualTo("tenant-b");
    }

    @Test
    void environmentMapsEachKeyToIndexedSecurityVariablesWithTheHashOnly() {
        ApiKeySet keys = new ApiKeySet(List.of(
                new ApiKeySet.ApiKey("sandbox-admin", "ee_admin", null, true),
                new ApiKeySet.ApiKey("tenant-a", "ee_a", "tenant-a", false),
                new ApiKeySet.ApiKey("tenant-b", "ee_b", "tenant-b", false)));

        Map<String, String> env = keys.environment();

        assertThat(env).containsExactly(
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_0_NAME", "sandbox-admin"),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_0_HASH", ApiKeySet.hash("ee_admin")),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_0_ADMIN", "true"),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_1_NAME", "tenant-a"),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_1_HASH", ApiKeySet.hash("ee_a")),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_1_TENANT", "tenant-a"),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_2_NAME", "tenant-b"),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_2_HASH", ApiKeySet.hash("ee_b")),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_2_TENANT", "tenant-b"));
        assertThat(env.values()).doesNotContain("ee_admin", "ee_a", "ee_b");
    }

    @Test
    void serviceEnvironmentCarriesDatabaseKafkaPortDocsAndKeys() {
        ApiKeySet keys = ApiKeySet.generate();
        ServiceProcess.Spec spec = ServiceProcess.spec("pmta-config-service");

        Map<String, String> env = ServiceProcess.environment(spec, "jdbc:postgresql://localhost:15432/pmta_config",
                "localhost:9092", keys);

        assertThat(env).contains(
                entry("EMAIL_ENGINE_DATABASE_URL", "jdbc:postgresql://localhost:15432/pmta_config"),
                entry("EMAIL_ENGINE_DATABASE_USERNAME", "postgres"),
                entry("EMAIL_ENGINE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                entry("SERVER_PORT", "8082"),
                entry("EMAIL_ENGINE_SECURITY_OPEN_API_DOCS", "true"),
                entry("EMAIL_ENGINE_SECURITY_API_KEYS_0_HASH", keys.admin().hash()));
        assertThat(env).containsKey("EMAIL_ENGINE_DATABASE_PASSWORD");
        assertThat(env).containsAllEntriesOf(keys.environment());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bounceIngestGetsTheIngestTokenHashAndNoOtherServiceDoes() {
        ApiKeySet keys = ApiKeySet.generate();
        Map<String, String> ingest = ServiceProcess.environment(ServiceProcess.spec("bounce-ingest-service"),
                "jdbc:postgresql://localhost:15432/bounce_ingest", "localhost:9092", keys);
        Map<String, String> warmup = ServiceProcess.environment(ServiceProcess.spec("warmup-service"),
                "jdbc:postgresql://localhost:15432/warmup", "localhost:9092", keys);

        assertThat(ingest).containsEntry("EMAIL_ENGINE_BOUNCE_INGEST_SOURCES_0_TOKEN_HASH", ApiKeySet.hash(keys.ingestToken()));
        assertThat(ingest.values()).doesNotContain(keys.ingestToken());
        assertThat(warmup).doesNotContainKey("EMAIL_ENGINE_BOUNCE_INGEST_SOURCES_0_TOKEN_HASH");
    }
}

package io.emailengine.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.events.types.TenantId;
import io.emailengine.kit.config.EmailEngineProperties.ApiKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

    @Test
    void keyMatchingAConfiguredHashAuthenticatesAsItsTenant() {
        String key = ApiKeys.newKey();
        ApiKeyRegistry registry = new ApiKeyRegistry(List.of(new ApiKey("ops", ApiKeys.hash(key), "tenant-a", false)));

        assertThat(registry.authenticate(key)).hasValueSatisfying(principal -> {
            assertThat(principal.tenant()).isEqualTo(new TenantId("tenant-a"));
            assertThat(principal.admin()).isFalse();
            assertThat(principal.keyName()).isEqualTo("ops");
        });
    }

    @Test
    void unknownEmptyOrMissingKeyDoesNotAuthenticate() {
        ApiKeyRegistry registry = new ApiKeyRegistry(List.of(new ApiKey("ops", ApiKeys.hash("right"), "tenant-a", false)));
        assertThat(registry.authenticate("wrong")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate(null)).isEmpty();
    }

    @Test
    void adminKeyCanAccessEveryTenant() {
        ApiKeyRegistry registry = new ApiKeyRegistry(List.of(new ApiKey("root", ApiKeys.hash("k"), null, true)));
        TenantPrincipal admin = registry.authenticate("k").orElseThrow();
        assertThat(admin.canAccess(new TenantId("tenant-a"))).isTrue();
        assertThat(admin.canAccess(new TenantId("tenant-b"))).isTrue();
    }

    @Test
    void tenantKeyCannotAccessAnotherTenant() {
        TenantPrincipal principal = new TenantPrincipal("ops", new TenantId("tenant-a"), false);
        assertThat(principal.canAccess(new TenantId("tenant-b"))).isFalse();
    }

    @Test
    void keyWithBothOrNeitherTenantAndAdminIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(new ApiKey("both", ApiKeys.hash("k"), "tenant-a", true))))
                .hasMessageContaining("'both'");
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(new ApiKey("neither", ApiKeys.hash("k"), null, false))))
                .hasMessageContaining("'neither'");
    }

    @Test
    void hashIsSha256HexWithPrefixAndNewKeysAreUnique() {
        assertThat(ApiKeys.hash("test-key-tenant-a"))
                .isEqualTo("sha256:4521d2597c50e5545da1d429c412063e6fdacfb0a275d9afbb9fd812c76f40b4");
        assertThat(ApiKeys.newKey()).isNotEqualTo(ApiKeys.newKey()).startsWith("ee_").hasSizeGreaterThan(40);
    }
}

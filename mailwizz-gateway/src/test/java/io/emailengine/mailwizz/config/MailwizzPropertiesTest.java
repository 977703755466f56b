package io.emailengine.mailwizz.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MailwizzPropertiesTest {

    private static MailwizzProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("email-engine.mailwizz", MailwizzProperties.class);
    }

    @Test
    void bindsTenantsWithDefaultsAndNeverPrintsSecrets() {
        MailwizzProperties properties = bind(Map.of(
                "email-engine.mailwizz.tenants.tenant-a.base-url", "https://mw.example.com/api/index.php",
                "email-engine.mailwizz.tenants.tenant-a.api-version", "1",
                "email-engine.mailwizz.tenants.tenant-a.public-key", "public-key-value",
                "email-engine.mailwizz.tenants.tenant-a.private-key", "private-key-value",
                "email-engine.mailwizz.tenants.tenant-a.jdbc-url", "jdbc:mariadb://db:3306/mailwizz",
                "email-engine.mailwizz.tenants.tenant-a.jdbc-password", "db-password-value",
                "email-engine.mailwizz.tenants.tenant-a.delivery-servers[0].ip", "203.0.113.10",
                "email-engine.mailwizz.tenants.tenant-a.delivery-servers[0].server-id", "12"));

        MailwizzProperties.Tenant tenant = properties.tenants().get("tenant-a");
        assertThat(tenant.tablePrefix()).isEqualTo("mw_");
        assertThat(tenant.deliveryServers()).containsExactly(new MailwizzProperties.ServerMapping("203.0.113.10", null, 12));
        assertThat(properties.client().requestsPerSecond()).isEqualTo(10);
        assertThat(properties.toString()).doesNotContain("private-key-value", "db-password-value", "public-key-value");
    }

    @Test
    void signedApiVersionWithoutPrivateKeyFailsNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of(
                "email-engine.mailwizz.tenants.tenant-a.base-url", "https://mw.example.com/api/index.php",
                "email-engine.mailwizz.tenants.tenant-a.api-version", "1",
                "email-engine.mailwizz.tenants.tenant-a.public-key", "pub")))
                .rootCause().hasMessageContaining("private-key is required for api-version 1");
    }

    @Test
    void noTenantsIsAValidEmptyConfiguration() {
        assertThat(bind(Map.of()).tenants()).isEmpty();
        assertThat(bind(Map.of()).quotas().batchSize()).isEqualTo(500);
        assertThat(List.of(bind(Map.of()).suppression().enabled())).containsExactly(true);
    }

    @Test
    void finishedSuppressionsAreKeptThirtyDaysAndPurgedHourlyByDefault() {
        assertThat(bind(Map.of()).suppression().retention()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(bind(Map.of()).suppression().purgeInterval()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(bind(Map.of("email-engine.mailwizz.suppression.retention", "7d")).suppression().retention())
                .isEqualTo(java.time.Duration.ofDays(7));
    }

    private static Map<String, String> twoTenantsOnOneDatabase(String customerA, String customerB) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (String tenant : new String[] {"tenant-a", "tenant-b"}) {
            String prefix = "email-engine.mailwizz.tenants." + tenant + ".";
            settings.put(prefix + "base-url", "https://mw.example.com/api/index.php");
            settings.put(prefix + "public-key", "key-" + tenant);
            settings.put(prefix + "jdbc-url", "jdbc:mariadb://db:3306/mailwizz");
        }
        if (customerA != null) {
            settings.put("email-engine.mailwizz.tenants.tenant-a.customer-id", customerA);
        }
        if (customerB != null) {
            settings.put("email-engine.mailwizz.tenants.tenant-b.customer-id", customerB);
        }
        return settings;
    }

    @Test
    void tenantsSharingOneMailwizzDatabaseMustEachNameTheirOwnCustomer() {
        assertThatThrownBy(() -> bind(twoTenantsOnOneDatabase("1", null)))
                .rootCause().hasMessage("email-engine.mailwizz.tenants.tenant-b.customer-id is required: tenants [tenant-a, tenant-b]"
                        + " share one MailWizz database");
        assertThatThrownBy(() -> bind(twoTenantsOnOneDatabase("3", "3")))
                .rootCause().hasMessage("email-engine.mailwizz.tenants.tenant-a and tenant-b share one MailWizz database and name"
                        + " the same customer-id 3");

        MailwizzProperties properties = bind(twoTenantsOnOneDatabase("1", "2"));
        assertThat(properties.tenants().get("tenant-b").customerId()).isEqualTo(2L);
        Map<String, String> ownDatabases = new java.util.HashMap<>(twoTenantsOnOneDatabase(null, null));
        ownDatabases.put("email-engine.mailwizz.tenants.tenant-b.jdbc-url", "jdbc:mariadb://other-db:3306/mailwizz");
        assertThat(bind(ownDatabases).tenants().get("tenant-a").customerId()).as("not required on a database of its own").isNull();
    }
}

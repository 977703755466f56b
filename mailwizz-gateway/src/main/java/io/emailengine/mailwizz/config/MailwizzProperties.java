package io.emailengine.mailwizz.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code email-engine.mailwizz.*}: one MailWizz connection per tenant (several tenants may share one
 * MailWizz with different customer keys), client resilience, and the quota and suppression loops.
 * Secrets (private key, database password) are never part of {@link #toString()}.
 */
@Validated
@ConfigurationProperties("email-engine.mailwizz")
public record MailwizzProperties(
        @DefaultValue Map<String, @Valid Tenant> tenants,
        @Valid @DefaultValue Client client,
        @Valid @DefaultValue Quotas quotas,
        @Valid @DefaultValue Suppression suppression) {

    /**
     * Tenants sharing one MailWizz database (same JDBC URL and table prefix) are told apart only by their
     * customer: each must name its own, or one tenant's quotas could land on another's delivery server.
     */
    public MailwizzProperties {
        Map<String, java.util.List<String>> byDatabase = new java.util.TreeMap<>();
        (tenants == null ? Map.<String, Tenant>of() : tenants).forEach((name, tenant) -> {
            if (tenant != null && tenant.jdbcUrl() != null && !tenant.jdbcUrl().isBlank()) {
                byDatabase.computeIfAbsent(tenant.jdbcUrl().trim() + " " + tenant.tablePrefix(), k -> new java.util.ArrayList<>()).add(name);
            }
        });
        for (java.util.List<String> sharing : byDatabase.values()) {
            if (sharing.size() < 2) {
                continue;
            }
            java.util.Collections.sort(sharing);
            java.util.Map<Long, String> owners = new java.util.HashMap<>();
            for (String name : sharing) {
                Long customer = tenants.get(name).customerId();
                if (customer == null) {
                    throw new IllegalArgumentException("email-engine.mailwizz.tenants." + name + ".customer-id is required: tenants "
                            + sharing + " share one MailWizz database");
                }
                String other = owners.putIfAbsent(customer, name);
                if (other != null) {
                    throw new IllegalArgumentException("email-engine.mailwizz.tenants." + other + " and " + name
                            + " share one MailWizz database and name the same customer-id " + customer);
                }
            }
        }
    }

    /** Whitelist for the table prefix, which cannot be a bind parameter. */
    public static final String TABLE_PREFIX = "[A-Za-z0-9_]{0,32}";

    /**
     * One tenant's MailWizz customer.
     *
     * @param baseUrl         e.g. {@code https://mw.example.com/api/index.php}
     * @param apiVersion      2 ({@code X-API-KEY}) or 1 (signed requests)
     * @param publicKey       the API key (2.x) or public key (1.x)
     * @param privateKey      1.x only: the HMAC key
     * @param remoteAddr      1.x only: {@code X-MW-REMOTE-ADDR}; empty = not sent
     * @param jdbcUrl         MailWizz's MySQL/MariaDB database, for quota writes
     * @param tablePrefix     MailWizz table prefix
     * @param customerId      the tenant's MailWizz customer ({@code customer_id}); when set, the database side
     *                        (discovery, reads, quota writes) only ever touches that customer's delivery
     *                        servers. Required when tenants share one MailWizz database.
     * @param blacklistComplaints also blacklist complaining addresses, not only unsubscribe them
     * @param deliveryServers configured IP / virtual MTA → delivery server mappings
     */
    public record Tenant(
            @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String baseUrl,
            @DefaultValue("2") @Min(1) @Max(2) int apiVersion,
            @NotBlank String publicKey,
            String privateKey,
            @DefaultValue("") String remoteAddr,
            String jdbcUrl,
            String jdbcUsername,
            String jdbcPassword,
            @DefaultValue("mw_") @NotNull @Pattern(regexp = TABLE_PREFIX) String tablePrefix,
            @Min(1) Long customerId,
            @DefaultValue("false") boolean blacklistComplaints,
            @DefaultValue List<@Valid ServerMapping> deliveryServers) {

        public Tenant {
            if (apiVersion == 1 && (privateKey == null || privateKey.isBlank())) {
                throw new IllegalArgumentException("email-engine.mailwizz.tenants.*.private-key is required for api-version 1");
            }
        }

        @Override
        public String toString() {
            return "Tenant[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", publicKey=***, privateKey=***, jdbcUrl="
                    + jdbcUrl + ", jdbcUsername=" + jdbcUsername + ", jdbcPassword=***, tablePrefix=" + tablePrefix + ", customerId="
                    + customerId + "]";
        }
    }

    /** A configured mapping; {@code ip} or {@code vmta} names the sending side. */
    public record ServerMapping(String ip, String vmta, @Min(1) long serverId) {
    }

    /** MailWizz HTTP client: rate limit per MailWizz, timeouts, retry and circuit breaker. */
    public record Client(
            @DefaultValue("10") @DecimalMin("0.1") double requestsPerSecond,
            @DefaultValue("5s") @NotNull Duration rateLimitWait,
            @DefaultValue("3s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration requestTimeout,
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("20") @Min(2) int circuitWindow,
            @DefaultValue("50") @Min(1) @Max(100) int circuitFailureRatePercent,
            @DefaultValue("30s") @NotNull Duration circuitOpenFor) {
    }

    /** Applying desired quotas to MailWizz's delivery_server table. */
    public record Quotas(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration applyInterval,
            @DefaultValue("5m") @NotNull Duration reconcileInterval,
            @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
            @DefaultValue("3s") @NotNull Duration databaseConnectTimeout,
            @DefaultValue("4") @Min(1) @Max(50) int databasePoolSize,
            @DefaultValue("30s") @NotNull Duration retryAfter) {
    }

    /**
     * Turning hard bounces and complaints into MailWizz calls.
     *
     * @param retention     how long a finished suppression (done, not-found, failed) is kept; pending ones always stay
     * @param purgeInterval how often finished suppressions older than the retention are deleted
     */
    public record Suppression(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2s") @NotNull Duration pollInterval,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("5s") @NotNull Duration initialBackoff,
            @DefaultValue("10m") @NotNull Duration maxBackoff,
            @DefaultValue("30d") @NotNull Duration retention,
            @DefaultValue("1h") @NotNull Duration purgeInterval) {
    }
}

package io.emailengine.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.events.time.AcceleratedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each service is told about the simulated world: the shared accelerated clock (for the services whose rules
 * run on simulated time), where the PowerMTA host and MailWizz are, and faster schedules so a warmup day can last
 * seconds. Pure functions of their inputs, so they can be checked without starting anything.
 */
final class SimulationEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How services reach the PowerMTA host: the simulator, or a real host. */
    record PmtaEndpoint(String hostId, String address, int port, String user, String privateKeyFile,
                        String hostKeyFingerprint, String includePath, String dkimKeyDirectory,
                        String accountingDirectory, String accountingFilePattern) {
    }

    /** One tenant's MailWizz customer key and the delivery servers of its IPs. */
    record MailwizzTenant(String tenant, int apiVersion, String publicKey, String privateKey, Long customerId,
                          Map<String, Long> serverIdByIp) {
        @Override
        public String toString() {
            return "MailwizzTenant[tenant=" + tenant + ", apiVersion=" + apiVersion + ", keys=***, servers=" + serverIdByIp + "]";
        }
    }

    /** How mailwizz-gateway reaches MailWizz: API and database (limited user). */
    record MailwizzEndpoint(String baseUrl, String jdbcUrl, String jdbcUser, String jdbcPassword, List<MailwizzTenant> tenants) {
        @Override
        public String toString() {
            return "MailwizzEndpoint[baseUrl=" + baseUrl + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser
                    + ", jdbcPassword=***, tenants=" + tenants + "]";
        }
    }

    private SimulationEnvironment() {
    }

    /** The kit's clock settings: every process given these agrees on the simulated time. */
    static Map<String, String> clock(AcceleratedClock clock) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMAIL_ENGINE_CLOCK_SPEED", String.format(Locale.ROOT, "%.6f", clock.speed()));
        env.put("EMAIL_ENGINE_CLOCK_ORIGIN", clock.origin().toString());
        env.put("EMAIL_ENGINE_CLOCK_START", clock.start().toString());
        return env;
    }

    /**
     * warmup-service on simulated time: ticks stay hourly (simulated); replicas check for a due tick often enough to
     * be at most a few simulated minutes late; per-IP targets are small enough for a laptop to carry the traffic.
     */
    static Map<String, String> warmup(AcceleratedClock clock, boolean dnsChecks, String dnsResolver, int dnsPort) {
        Map<String, String> env = clock(clock);
        Duration realHour = clock.realDurationOf(Duration.ofHours(1));
        env.put("EMAIL_ENGINE_WARMUP_TICK_CHECK_INTERVAL", millis(clamp(realHour.dividedBy(10), 50, 30_000)));
        env.put("EMAIL_ENGINE_WARMUP_METRICS_REFRESH", "2s");
        // map-valued settings go in as JSON: relaxed binding of environment variables does not fill maps reliably
        env.put("SPRING_APPLICATION_JSON", json(Map.of("email-engine", Map.of("warmup", Map.of("plan", Map.of("targets",
                Map.of("gmail", 6000, "microsoft", 3000, "yahoo", 3000, "other", 3000)))))));
        env.put("EMAIL_ENGINE_WARMUP_DNS_ENABLED", Boolean.toString(dnsChecks));
        if (dnsChecks) {
            env.put("EMAIL_ENGINE_WARMUP_DNS_RESOLVER", dnsResolver);
            env.put("EMAIL_ENGINE_WARMUP_DNS_PORT", Integer.toString(dnsPort));
        }
        return env;
    }

    /**
     * bounce-ingest-service on simulated time (record times are simulated): hourly delivery windows, published and
     * pulled several times per simulated hour.
     */
    static Map<String, String> bounceIngest(AcceleratedClock clock, PmtaEndpoint pmta) {
        Map<String, String> env = clock(clock);
        Duration realHour = clock.realDurationOf(Duration.ofHours(1));
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_WINDOW", "1h");
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_REPORT_INTERVAL", millis(clamp(realHour.dividedBy(5), 100, 30_000)));
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_ENABLED", "true");
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_INTERVAL", millis(clamp(realHour.dividedBy(8), 100, 60_000)));
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_NAME", pmta.hostId());
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_ADDRESS", pmta.address());
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_PORT", Integer.toString(pmta.port()));
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_USERNAME", pmta.user());
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_HOST_KEY_FINGERPRINT", pmta.hostKeyFingerprint());
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_PRIVATE_KEY_FILE", pmta.privateKeyFile());
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_DIRECTORY", pmta.accountingDirectory());
        env.put("EMAIL_ENGINE_BOUNCE_INGEST_PULL_HOSTS_0_FILE_PATTERN", pmta.accountingFilePattern());
        return env;
    }

    /** pmta-config-service stays on real time (its debounce and SSH timeouts are operational, not simulated). */
    static Map<String, String> pmtaConfig(String dkimEncryptionKey, AcceleratedClock clock, boolean simulatedHost) {
        Map<String, String> env = new LinkedHashMap<>();
        if (simulatedHost) {
            // the simulated host rotates its accounting file every move-interval of simulated time: every couple of real
            // seconds is often enough for the pull and rare enough not to race it (a real host keeps the default)
            env.put("EMAIL_ENGINE_PMTA_CONFIG_ACCOUNTING_MOVE_INTERVAL",
                    Math.max(5, Math.min(60 * 24, Math.round(clock.speed() * 2 / 60))) + "m");
        }
        env.put("EMAIL_ENGINE_PMTA_CONFIG_DKIM_ENCRYPTION_KEY", dkimEncryptionKey);
        env.put("EMAIL_ENGINE_PMTA_CONFIG_HEALTH_PROBE_EVERY", "5s");
        env.put("EMAIL_ENGINE_PMTA_CONFIG_HEALTH_QUEUES_EVERY", "5s");
        env.put("EMAIL_ENGINE_PMTA_CONFIG_DEPLOY_RETRY_BACKOFF_MIN", "2s");
        env.put("EMAIL_ENGINE_PMTA_CONFIG_DEPLOY_RETRY_BACKOFF_MAX", "30s");
        return env;
    }

    /**
     * mailwizz-gateway on real time. Its per-tenant settings are keyed by tenant ids with dashes, which environment
     * variable names cannot carry, so they go in as {@code SPRING_APPLICATION_JSON}.
     */
    static Map<String, String> mailwizzGateway(MailwizzEndpoint mailwizz) {
        Map<String, Object> tenants = new LinkedHashMap<>();
        for (MailwizzTenant tenant : mailwizz.tenants()) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("base-url", mailwizz.baseUrl());
            settings.put("api-version", tenant.apiVersion());
            settings.put("public-key", tenant.publicKey());
            if (tenant.privateKey() != null) {
                settings.put("private-key", tenant.privateKey());
            }
            settings.put("jdbc-url", mailwizz.jdbcUrl());
            settings.put("jdbc-username", mailwizz.jdbcUser());
            settings.put("jdbc-password", mailwizz.jdbcPassword());
            if (tenant.customerId() != null) {
                settings.put("customer-id", tenant.customerId());
            }
            settings.put("blacklist-complaints", true);
            List<Map<String, Object>> servers = new ArrayList<>();
            tenant.serverIdByIp().forEach((ip, id) -> servers.add(Map.of("ip", ip, "server-id", id)));
            settings.put("delivery-servers", servers);
            tenants.put(tenant.tenant(), settings);
        }
        Map<String, Object> root = Map.of("email-engine", Map.of("mailwizz", Map.of(
                "tenants", tenants,
                "quotas", Map.of("apply-interval", "200ms", "reconcile-interval", "1m"),
                "suppression", Map.of("poll-interval", "500ms"))));
        return Map.of("SPRING_APPLICATION_JSON", json(root));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration clamp(Duration value, long minMillis, long maxMillis) {
        return Duration.ofMillis(Math.max(minMillis, Math.min(maxMillis, value.toMillis())));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}

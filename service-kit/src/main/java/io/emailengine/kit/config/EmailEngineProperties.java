package io.emailengine.kit.config;

import io.emailengine.events.provider.ProviderDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares, bound from {@code email-engine.*} (environment variables
 * {@code EMAIL_ENGINE_*} through relaxed binding). Required ones stop start-up with one line
 * naming them; see {@link RequiredSettingFailureAnalyzer}.
 *
 * <p>{@code providers} overrides or extends the shared mailbox-provider catalogue: an entry
 * replaces the domains and MX suffixes of the provider of the same name, or adds a provider.
 */
@Validated
@ConfigurationProperties("email-engine")
public record EmailEngineProperties(
        @Valid @DefaultValue Database database,
        @Valid @DefaultValue Kafka kafka,
        @Valid @DefaultValue Outbox outbox,
        @Valid @DefaultValue Idempotency idempotency,
        @Valid @DefaultValue Security security,
        @DefaultValue List<ProviderDefinition> providers,
        @Valid @DefaultValue ClockSettings clock) {

    /** The service's own PostgreSQL database. */
    public record Database(@NotBlank String url, @NotBlank String username, String password) {

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=***]";
        }
    }

    /** The Kafka cluster and how the service's topics are declared and consumed. */
    public record Kafka(
            @NotBlank String bootstrapServers,
            @DefaultValue("3") @Min(1) @Max(1000) int partitions,
            @DefaultValue("1") @Min(1) @Max(5) short replicationFactor,
            @DefaultValue("3") @Min(0) @Max(20) int maxRetries,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("10s") @NotNull Duration maxBackoff) {
    }

    /** Transactional outbox relay. */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("250ms") @NotNull Duration pollInterval,
            @DefaultValue("200") @Min(1) @Max(10000) int batchSize,
            @DefaultValue("10s") @NotNull Duration sendTimeout,
            @DefaultValue("7d") @NotNull Duration retention) {

        /**
         * Whether a relayed event stays in the outbox (marked published, until the retention) or is
         * deleted as soon as Kafka acknowledged it: a retention of zero. The topic keeps it either way.
         */
        public boolean keepsRelayed() {
            return !retention.isZero() && !retention.isNegative();
        }
    }

    /**
     * Idempotent consumer: how long the record of a processed event is kept. An event delivered again
     * after its record was purged runs its effect again, so the retention must outlast every way an
     * event can come back:
     * <ul>
     * <li>From its topic, as long as Kafka keeps the record there: the topics' 7 days of
     *     {@code retention.ms} ({@code k8s/base/kafka/topics.yaml}; the broker's 168 hours in
     *     {@code docker-compose.yml}), plus up to 7 more, because Kafka deletes a log segment only once
     *     its newest record has expired and a quiet topic's segment stays open for {@code segment.ms}
     *     (7 days by default). A consumer group reads records that old again when its offsets are reset,
     *     or have expired after a week without members (it then starts from the earliest). A shorter
     *     retention than these {@value #MIN_RETENTION_DAYS} days is refused at start-up.</li>
     * <li>From a dead-letter topic, replayed onto its topic: DLTs keep records 30 days (plus the same
     *     open segment), and a replayed event reaches every consumer group of the topic again, also those
     *     that processed it the first time. The default, {@value #DEFAULT_RETENTION}, covers that with a
     *     week to spare.</li>
     * </ul>
     * Compacted topics ({@code dkim-key-published}) keep an event indefinitely: no retention covers them,
     * and their consumers ignore an event older than the state they hold. Ages are measured on the
     * service's clock, as the outbox's are (simulated time in an accelerated sandbox).
     */
    public record Idempotency(
            @DefaultValue(DEFAULT_RETENTION) @NotNull
            @DurationMin(days = MIN_RETENTION_DAYS, message = "must be at least " + MIN_RETENTION_DAYS
                    + " days, as long as Kafka can deliver an event again") Duration retention) {

        static final String DEFAULT_RETENTION = "45d";
        static final long MIN_RETENTION_DAYS = 14;
    }

    /** REST API keys: only their hashes are configured. */
    public record Security(
            @DefaultValue @Valid List<ApiKey> apiKeys,
            @DefaultValue("false") boolean openApiDocs) {
    }

    /**
     * One API key: a name for logs and audit, the key's hash ({@code sha256:<hex>}, produced by
     * {@code ApiKeyTool}), and either a tenant or the admin scope.
     */
    public record ApiKey(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
            @NotBlank @Pattern(regexp = "sha256:[0-9a-f]{64}", message = "must be sha256:<64 lowercase hex digits>") String hash,
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String tenant,
            @DefaultValue("false") boolean admin) {
    }

    /**
     * The service's clock. Real time unless {@code speed} is above 1: then time runs that many times faster from the
     * real instant {@code origin} (required then), at which the clock shows {@code start} (default: origin). The
     * sandbox gives every process the same three values so they agree on the simulated time.
     */
    public record ClockSettings(
            @DefaultValue("1") @jakarta.validation.constraints.DecimalMin("1") @jakarta.validation.constraints.DecimalMax("100000") double speed,
            Instant origin,
            Instant start) {

        public boolean accelerated() {
            return speed > 1.0 || (origin != null && start != null && !origin.equals(start));
        }
    }
}

package io.emailengine.warmup.config;

import io.emailengine.warmup.domain.SignalAction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of warmup-service under {@code email-engine.warmup.*}; defaults are the reference's. */
@Validated
@ConfigurationProperties("email-engine.warmup")
public record WarmupProperties(
        @Valid @DefaultValue Rules rules,
        @Valid @DefaultValue Plan plan,
        @Valid @DefaultValue Tick tick,
        @Valid @DefaultValue Pmta pmta,
        @Valid @DefaultValue Dns dns,
        @Valid @DefaultValue Retention retention) {

    /** Thresholds of the warmup rules; see {@code WarmupSettings} for the meaning of each. */
    public record Rules(
            @DefaultValue("0.90") @DecimalMin("0.01") @DecimalMax("1") double promoteDeliveredRatio,
            @DefaultValue("0.02") @DecimalMin("0.0001") @DecimalMax("1") double maxHardBounceRate,
            @DefaultValue("0.001") @DecimalMin("0.0001") @DecimalMax("1") double maxComplaintRate,
            @DefaultValue("0.10") @DecimalMin("0.0001") @DecimalMax("1") double maxDeferralRate,
            @DefaultValue("0.10") @DecimalMin("0.0001") @DecimalMax("1") double pauseHardBounceRate,
            @DefaultValue("0.005") @DecimalMin("0.0001") @DecimalMax("1") double pauseComplaintRate,
            @DefaultValue("100") @Min(1) long dayMinAttempts,
            @DefaultValue("1000") @Min(1) long dayMinDelivered,
            @DefaultValue("2000") @Min(1) long hourMinAttempts,
            @DefaultValue("20000") @Min(1) long hourMinDelivered,
            @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("0.99") double stepBackFactor,
            @DefaultValue("1") @Min(0) @Max(30) int recoveryHoldDays,
            @DefaultValue("1000") @Min(0) long maintenanceFloor,
            @DefaultValue("30d") @NotNull Duration idleToCold,
            @DefaultValue("1d") @NotNull Duration sendingDay,
            /** Daily quota (per IP × provider) from which a stage is held for several sending days. */
            @DefaultValue("400000") @Min(1) long highVolumeHoldFrom,
            /** Healthy sending days a high-volume stage is held before promotion; 1 = no hold. */
            @DefaultValue("3") @Min(1) @Max(30) int highVolumeHoldDays,
            /** Replaces the built-in signal reactions when set. */
            List<@Valid SignalRuleSetting> signalRules) {
    }

    public record SignalRuleSetting(@NotBlank String code, @NotNull SignalAction action, Duration pauseFor,
                                    @DefaultValue("0.5") double cutFactor, @DefaultValue("1") @Min(1) long minCount) {
    }

    /** The default plan and the growth caps every plan must obey. */
    public record Plan(
            @DefaultValue("42") @Min(2) @Max(365) int days,
            /** First-day volume per provider; providers not listed use "other". */
            Map<String, Long> startVolumes,
            /** Per-IP daily target per provider; providers not listed use "other". */
            Map<String, Long> targets,
            @DefaultValue("2.0") @DecimalMin("1") double smallGrowth,
            @DefaultValue("100000") @Min(1) long midVolume,
            @DefaultValue("1.5") @DecimalMin("1") double midGrowth,
            @DefaultValue("400000") @Min(2) long highVolume,
            @DefaultValue("1.25") @DecimalMin("1") double highGrowth) {

        static final Map<String, Long> DEFAULT_START = Map.of("gmail", 200L, "microsoft", 150L, "yahoo", 100L, "other", 200L);
        static final Map<String, Long> DEFAULT_TARGETS = Map.of("gmail", 50_000L, "microsoft", 20_000L, "yahoo", 20_000L,
                "other", 30_000L);
    }

    public record Tick(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1h") @NotNull Duration period,
            @DefaultValue("30s") @NotNull Duration checkInterval) {
    }

    public record Pmta(
            @DefaultValue("10") @Min(1) @Max(1000) int maxSmtpOut,
            @DefaultValue("2000") @Min(1) long hourlyPerConnection,
            @DefaultValue("20") @Min(1) @Max(100000) int maxMsgPerConnection) {
    }

    public record Dns(
            @DefaultValue("true") boolean enabled,
            /** Resolver to ask; empty: the system's resolvers. */
            String resolver,
            @DefaultValue("53") @Min(1) @Max(65535) int port,
            @DefaultValue("5s") @NotNull Duration timeout,
            /** How often warming IPs are re-checked; a regression raises an alert. */
            @DefaultValue("24h") @NotNull Duration recheckInterval) {
    }

    /**
     * How long provider signals and hourly delivery counts are kept. The defaults (14 days) are far beyond what the
     * rules read (the signal window, 1 h; the day window, sending day + tick period + 1 h = 26 h) and beyond the 7 days
     * the tick topic keeps a tick, so even the oldest tick still delivered reads complete numbers. Start-up fails for a
     * retention not longer than its table's look-back (see {@code RetentionSettings}).
     */
    public record Retention(
            @DefaultValue("14d") @NotNull Duration providerSignals,
            @DefaultValue("14d") @NotNull Duration deliveryHours,
            /** How often expired rows are purged. */
            @DefaultValue("1h") @NotNull Duration purgeEvery,
            /** Rows one DELETE removes (one short transaction each). */
            @DefaultValue("10000") @Min(1) @Max(1_000_000) int chunkRows,
            /** Chunks per table and run; a larger backlog is worked off over the next runs. */
            @DefaultValue("100") @Min(1) @Max(100_000) int maxChunksPerRun) {
    }
}

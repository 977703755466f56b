package io.emailengine.alerting.config;

import io.emailengine.events.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of alerting-service under {@code email-engine.alerting.*} (environment:
 * {@code EMAIL_ENGINE_ALERTING_*}). Without a bot token the service still starts, stores and groups
 * alerts and keeps their messages queued (and retried) until a token is configured.
 *
 * @param adminChatId      chat for system alerts (no tenant), tenants without a matching route and
 *                         admin test messages; required once a bot token is set
 * @param routes           per tenant and severities: chat id (64-bit, negative for groups) and topic
 * @param silentSeverities severities delivered with {@code disable_notification}
 * @param retention        how long alert history and sent/failed messages are kept
 * @param resolvedAlertRetention how long a resolved alert is remembered after its last event unless its group's
 *                         episode is still open (then a new event of its fingerprint starts it afresh). While it is
 *                         remembered, a late event older than its resolve is recognised as stale; forgotten, that
 *                         event would fire it again. So it must outlast every way an {@code AlertRaised} can come
 *                         late: a dead-letter topic keeps it 30 days for replay, plus up to 7 days until Kafka
 *                         deletes the segment holding it; a shorter retention than
 *                         {@value #MIN_RESOLVED_ALERT_RETENTION_DAYS} days is refused at start-up
 */
@Validated
@ConfigurationProperties("email-engine.alerting")
public record AlertingProperties(
        @Valid @DefaultValue Telegram telegram,
        Long adminChatId,
        @Min(1) Long adminThreadId,
        @DefaultValue List<@Valid RouteSetting> routes,
        @DefaultValue("info") Set<Severity> silentSeverities,
        @DefaultValue("30s") @NotNull Duration groupWait,
        @DefaultValue("5m") @NotNull Duration groupInterval,
        @DefaultValue("4h") @NotNull Duration repeatInterval,
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("90d") @NotNull @DurationMin(days = AlertingProperties.MIN_RESOLVED_ALERT_RETENTION_DAYS,
                message = "must be at least " + AlertingProperties.MIN_RESOLVED_ALERT_RETENTION_DAYS
                        + " days, as long as an AlertRaised can arrive late (dead-letter replay included)")
        Duration resolvedAlertRetention,
        @Valid @DefaultValue Queue queue,
        @Valid @DefaultValue Scheduler scheduler,
        @Valid @DefaultValue InhibitionSetting inhibition) {

    static final long MIN_RESOLVED_ALERT_RETENTION_DAYS = 38;

    /** The Bot API endpoint, the secret token and Telegram's flood limits. */
    public record Telegram(
            @DefaultValue("https://api.telegram.org") @NotBlank String baseUrl,
            @DefaultValue("") String botToken,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("1s") @NotNull Duration perChatInterval,
            @DefaultValue("20") @Min(1) @Max(1000) int groupMessagesPerMinute,
            @DefaultValue("30") @Min(1) @Max(1000) int globalMessagesPerSecond) {

        @Override
        public String toString() {
            return "Telegram[baseUrl=" + baseUrl + ", botToken=***, timeout=" + timeout + "]";
        }
    }

    /** One route: a tenant's alerts of some severities (none listed: all) to a chat and optional forum topic. */
    public record RouteSetting(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String tenant,
            @DefaultValue Set<Severity> severities,
            @NotNull Long chatId,
            @Min(1) Long threadId) {
    }

    /** The persistent send queue. */
    public record Queue(
            @DefaultValue("2m") @NotNull Duration lease,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("2s") @NotNull Duration retryInitialBackoff,
            @DefaultValue("5m") @NotNull Duration retryMaxBackoff) {
    }

    /** The scheduled evaluator and sender; tests switch it off and drive both by hand with their own clock. */
    public record Scheduler(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration evaluateEvery,
            @DefaultValue("500ms") @NotNull Duration dispatchEvery,
            @DefaultValue("1h") @NotNull Duration housekeepingEvery) {
    }

    /**
     * Host-down inhibition: while a critical alert named one of {@code sourceAlertnames} fires,
     * warnings and infos of the same tenant with equal {@code equalLabels} are muted.
     */
    public record InhibitionSetting(
            @DefaultValue("true") boolean enabled,
            @DefaultValue({"PmtaHostUnreachable", "HostDown"}) List<@NotBlank String> sourceAlertnames,
            @DefaultValue("host") List<@NotBlank String> equalLabels) {
    }
}

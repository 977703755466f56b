package io.emailengine.pmtaconfig.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code email-engine.pmta-config}. */
@Validated
@ConfigurationProperties("email-engine.pmta-config")
public record PmtaConfigProperties(
        @Valid @NotNull @DefaultValue Deploy deploy,
        @Valid @NotNull @DefaultValue Ssh ssh,
        @Valid @NotNull @DefaultValue Accounting accounting,
        @Valid @NotNull @DefaultValue Health health) {

    /** @param probeEvery how often every host is probed over SSH (the verify command) for host-health alerts */
    public record Health(@NotNull @DefaultValue("60s") Duration probeEvery) {
    }

    /**
     * @param debounce        quiet time after the last desired change of a host before deploying (coalesces bursts)
     * @param reconcileEvery  how often the reconciler looks for due hosts
     * @param fullCheckEvery  how often a converged host is re-rendered and compared anyway
     * @param retryBackoffMin wait after a first failed deployment; doubles per failure
     * @param retryBackoffMax cap of that wait
     */
    public record Deploy(
            @NotNull @DefaultValue("2s") Duration debounce,
            @NotNull @DefaultValue("500ms") Duration reconcileEvery,
            @NotNull @DefaultValue("5m") Duration fullCheckEvery,
            @NotNull @DefaultValue("10s") Duration retryBackoffMin,
            @NotNull @DefaultValue("10m") Duration retryBackoffMax) {
    }

    public record Ssh(
            @NotNull @DefaultValue("10s") Duration connectTimeout,
            @NotNull @DefaultValue("60s") Duration commandTimeout,
            @Min(1) @DefaultValue("3") int attempts,
            @NotNull @DefaultValue("1s") Duration firstBackoff,
            @NotNull @DefaultValue("60s") Duration breakerOpenFor) {
    }

    /** The {@code <acct-file>} block of the generated include; bounce-ingest reads this file. */
    public record Accounting(
            @NotBlank @DefaultValue("/var/log/pmta/email-engine-acct.csv") String file,
            @NotBlank @DefaultValue("5m") String moveInterval,
            @NotBlank @DefaultValue("50M") String maxSize,
            @NotBlank @DefaultValue("/etc/pmta/dkim") String defaultDkimKeyDir) {
    }
}

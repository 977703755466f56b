package io.emailengine.bounceingest.config;

import io.emailengine.bounceingest.domain.SignalRule;
import io.emailengine.bounceingest.domain.SignalTable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code email-engine.bounce-ingest}.
 *
 * @param window           delivery-report window size (counters are reported when a window ends)
 * @param reportInterval   how often ended windows are looked for
 * @param batchSize        records per transaction
 * @param maxLineChars     longest physical line (CSV/NDJSON) or string (JSON) accepted
 * @param maxReportedErrors rejected lines listed in one answer (all are quarantined)
 * @param dedupeRetention  how long record keys are remembered for dedupe
 * @param messageOriginRetention how long the sender (tenant, IP, vmta) of a Message-ID is remembered to
 *                         attribute remote bounces and complaints that name no IP; 0 turns learning off
 * @param sources          push sources and the SHA-256 of their ingest token
 * @param signals          provider signals recognised in dsnDiag; replaces the built-in table when set
 * @param pull             SFTP pull of rotated accounting files from PowerMTA hosts
 */
@Validated
@ConfigurationProperties("email-engine.bounce-ingest")
public record BounceIngestProperties(
        @NotNull Duration window,
        @NotNull Duration reportInterval,
        @Min(1) @Max(100_000) int batchSize,
        @Min(1024) @Max(16 * 1024 * 1024) int maxLineChars,
        @Min(0) @Max(10_000) int maxReportedErrors,
        @NotNull Duration dedupeRetention,
        Duration messageOriginRetention,
        @Valid List<Source> sources,
        @Valid List<Signal> signals,
        @Valid Pull pull) {

    public BounceIngestProperties {
        window = window == null ? Duration.ofMinutes(5) : window;
        reportInterval = reportInterval == null ? Duration.ofSeconds(30) : reportInterval;
        batchSize = batchSize == 0 ? 5000 : batchSize;
        maxLineChars = maxLineChars == 0 ? 64 * 1024 : maxLineChars;
        maxReportedErrors = maxReportedErrors == 0 ? 100 : maxReportedErrors;
        dedupeRetention = dedupeRetention == null ? Duration.ofDays(14) : dedupeRetention;
        messageOriginRetention = messageOriginRetention == null ? Duration.ofDays(7) : messageOriginRetention;
        if (messageOriginRetention.isNegative()) {
            throw new IllegalArgumentException("email-engine.bounce-ingest.message-origin-retention must not be negative");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        pull = pull == null ? new Pull(false, null, 0, null, null) : pull;
        if (window.getSeconds() < 1 || window.getNano() != 0 || 86_400 % window.getSeconds() != 0) {
            throw new IllegalArgumentException("email-engine.bounce-ingest.window must be whole seconds dividing a day, was " + window);
        }
    }

    /** The signal table: configured rules in order, or the built-in defaults. */
    public SignalTable signalTable() {
        if (signals == null || signals.isEmpty()) {
            return SignalTable.defaults();
        }
        return new SignalTable(signals.stream().map(s -> SignalRule.of(s.code(), s.provider(), s.pattern(), s.block())).toList());
    }

    /**
     * A pushing source (a PowerMTA pipe or a log shipper).
     *
     * @param tokenHash {@code sha256:} + hex SHA-256 of the source's ingest token
     */
    public record Source(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}") String name,
                         @NotBlank @Pattern(regexp = "sha256:[0-9a-f]{64}") String tokenHash) {
    }

    /** One signal rule: {@code code}, optional {@code provider}, regex {@code pattern}, {@code block}. */
    public record Signal(@NotBlank String code, String provider, @NotBlank String pattern, boolean block) {
    }

    /**
     * @param enabled        whether the scheduler pulls (the use case can still be called)
     * @param interval       pause between two pulls of a host
     * @param chunkBytes     bytes read and committed at a time (bounds memory; must exceed the longest record)
     * @param connectTimeout SSH connect and read timeout
     */
    public record Pull(boolean enabled, Duration interval, @Min(0) @Max(256 * 1024 * 1024) int chunkBytes,
                       Duration connectTimeout, @Valid List<PullHost> hosts) {

        public Pull {
            interval = interval == null ? Duration.ofMinutes(1) : interval;
            chunkBytes = chunkBytes == 0 ? 4 * 1024 * 1024 : chunkBytes;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /**
     * One PowerMTA host to pull from.
     *
     * @param name               source name (metrics, checkpoints, batches)
     * @param hostKeyFingerprint pinned OpenSSH SHA-256 fingerprint of the host key ({@code SHA256:...})
     * @param privateKeyFile     path of the SSH private key (a mounted secret; never logged)
     * @param directory          where PowerMTA writes and rotates its accounting files
     * @param filePattern        regex the file names must match
     */
    public record PullHost(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}") String name,
                           @NotBlank @Pattern(regexp = "[A-Za-z0-9.:-]{1,253}") String address,
                           @Min(0) @Max(65535) int port,
                           @NotBlank @Pattern(regexp = "[a-z_][a-z0-9_-]{0,31}") String username,
                           @NotBlank @Pattern(regexp = "SHA256:[A-Za-z0-9+/]{43}") String hostKeyFingerprint,
                           @NotBlank String privateKeyFile,
                           @NotBlank String directory,
                           String filePattern) {

        public PullHost {
            port = port == 0 ? 22 : port;
            // PowerMTA's default acct.csv and pmta-config-service's email-engine-acct.csv, live and rotated
            filePattern = filePattern == null || filePattern.isBlank() ? "(email-engine-)?acct.*\\.csv" : filePattern;
        }
    }
}

package io.emailengine.simulator.pmta;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one simulated PowerMTA host runs.
 *
 * @param hostName            the host's name ({@code pmta-1}); used in logs, message ids and {@link PmtaHostSimulator#describe()}
 * @param bindAddress         address the SSH server listens on
 * @param port                SSH port; 0 picks a free one (kept across {@code stop()}/{@code start()})
 * @param stateDirectory      the host's filesystem root, served chrooted over SFTP ({@code stateDirectory/etc/pmta/config})
 * @param hostKeyFile         the SSH host key (generated on first start, reused after, so the fingerprint is stable);
 *                            keep it outside {@code stateDirectory}
 * @param authorizedKeys      client keys accepted for the user {@code pmta} (public-key authentication only)
 * @param clock               simulated time: record times, rotation, incident days, queue and status figures
 * @param deliveryDemand      fraction of each queue's allowed {@code max-msg-rate} actually handed to PowerMTA (0..1)
 * @param maxRecordsPerSecond real-time cap of the background traffic thread; above it records are thinned
 *                            proportionally (and a warning is logged once)
 * @param incidents           scripted incidents
 * @param seed                seed of all random choices (outcomes, recipients)
 * @param keepRotatedFiles    rotated accounting files kept per accounting file; older ones are deleted
 * @param trafficTick         real pause between two steps of the traffic thread; {@link Duration#ZERO} runs no thread
 *                            (tests then call {@link PmtaHostSimulator#advanceTraffic()})
 */
public record PmtaSimulatorOptions(String hostName, String bindAddress, int port, Path stateDirectory, Path hostKeyFile,
                                   List<PublicKey> authorizedKeys, Clock clock, double deliveryDemand,
                                   int maxRecordsPerSecond, List<Incident> incidents, long seed, int keepRotatedFiles,
                                   Duration trafficTick) {

    public static final double DEFAULT_DELIVERY_DEMAND = 1.0;
    public static final int DEFAULT_MAX_RECORDS_PER_SECOND = 5000;
    public static final int DEFAULT_KEEP_ROTATED_FILES = 200;
    public static final Duration DEFAULT_TRAFFIC_TICK = Duration.ofMillis(200);

    public PmtaSimulatorOptions {
        if (hostName == null || !hostName.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("hostName must match [a-z0-9][a-z0-9._-]{0,62}, was " + hostName);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory").toAbsolutePath().normalize();
        hostKeyFile = Objects.requireNonNull(hostKeyFile, "hostKeyFile").toAbsolutePath().normalize();
        if (hostKeyFile.startsWith(stateDirectory)) {
            throw new IllegalArgumentException("hostKeyFile must be outside stateDirectory (it would be readable over SFTP)");
        }
        authorizedKeys = List.copyOf(authorizedKeys);
        Objects.requireNonNull(clock, "clock");
        if (!(deliveryDemand >= 0 && deliveryDemand <= 1)) {
            throw new IllegalArgumentException("deliveryDemand must be 0..1, was " + deliveryDemand);
        }
        if (maxRecordsPerSecond < 1) {
            throw new IllegalArgumentException("maxRecordsPerSecond must be at least 1, was " + maxRecordsPerSecond);
        }
        incidents = List.copyOf(incidents);
        if (keepRotatedFiles < 1) {
            throw new IllegalArgumentException("keepRotatedFiles must be at least 1, was " + keepRotatedFiles);
        }
        Objects.requireNonNull(trafficTick, "trafficTick");
        if (trafficTick.isNegative()) {
            throw new IllegalArgumentException("trafficTick must not be negative");
        }
    }

    /**
     * Defaults: 127.0.0.1, any free port, host key next to the state directory ({@code <stateDirectory>.hostkey}),
     * no authorized key yet, the system clock, demand 1.0, cap 5000 records/s, no incidents, seed 1, keep 200, 200 ms tick.
     */
    public static PmtaSimulatorOptions of(String hostName, Path stateDirectory) {
        Path state = stateDirectory.toAbsolutePath().normalize();
        Path key = state.resolveSibling(state.getFileName() + ".hostkey");
        return new PmtaSimulatorOptions(hostName, "127.0.0.1", 0, state, key, List.of(), Clock.systemUTC(),
                DEFAULT_DELIVERY_DEMAND, DEFAULT_MAX_RECORDS_PER_SECOND, List.of(), 1L, DEFAULT_KEEP_ROTATED_FILES,
                DEFAULT_TRAFFIC_TICK);
    }

    public PmtaSimulatorOptions withBindAddress(String value) {
        return new PmtaSimulatorOptions(hostName, value, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withPort(int value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, value, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withHostKeyFile(Path value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, value, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withAuthorizedKeys(List<PublicKey> value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, value, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withClock(Clock value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, value,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withDeliveryDemand(double value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                value, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withMaxRecordsPerSecond(int value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, value, incidents, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withIncidents(List<Incident> value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, value, seed, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withSeed(long value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, value, keepRotatedFiles, trafficTick);
    }

    public PmtaSimulatorOptions withKeepRotatedFiles(int value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, value, trafficTick);
    }

    public PmtaSimulatorOptions withTrafficTick(Duration value) {
        return new PmtaSimulatorOptions(hostName, bindAddress, port, stateDirectory, hostKeyFile, authorizedKeys, clock,
                deliveryDemand, maxRecordsPerSecond, incidents, seed, keepRotatedFiles, value);
    }
}

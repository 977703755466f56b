package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigImport;
import io.emailengine.pmtaconfig.domain.ConfigValues;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Use cases of the hosts admin API: register or change a host, list them, import an existing config. */
@Service
public class HostAdmin {

    private final HostStore hosts;
    private final ConvergenceStore convergence;
    private final PmtaHostClient client;
    private final Clock clock;

    public HostAdmin(HostStore hosts, ConvergenceStore convergence, PmtaHostClient client, Clock clock) {
        this.hosts = hosts;
        this.convergence = convergence;
        this.client = client;
        this.clock = clock;
    }

    /** A changed host (e.g. its DKIM directory) changes the rendered file, so it counts as a desired change. */
    @Transactional
    public boolean save(PmtaHost host) {
        Instant now = clock.instant();
        boolean created = hosts.save(host, now);
        convergence.markChanged(host.hostId(), now);
        return created;
    }

    public Optional<PmtaHost> find(String hostId) {
        return hosts.find(hostId);
    }

    public List<PmtaHost> all() {
        return hosts.all();
    }

    public ConfigImport.Result importText(String text) {
        return ConfigImport.read(text);
    }

    /** Reads the operator's config over SFTP (the path is whitelisted) and imports it. */
    public ConfigImport.Result importFromHost(String hostId, String remotePath) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
        return ConfigImport.read(client.read(host, ConfigValues.path("path", remotePath)));
    }
}

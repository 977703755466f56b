package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigDiff;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import java.util.List;
import org.springframework.stereotype.Service;

/** Read side of the operator API: deployment history, config versions and diffs between them. */
@Service
public class OperatorQueries {

    private static final int MAX_HISTORY = 500;

    private final HostStore hosts;
    private final DeploymentStore deployments;
    private final ConfigVersionStore versions;

    public OperatorQueries(HostStore hosts, DeploymentStore deployments, ConfigVersionStore versions) {
        this.hosts = hosts;
        this.deployments = deployments;
        this.versions = versions;
    }

    public List<DeploymentStore.DeploymentRecord> history(String hostId, int limit) {
        requireHost(hostId);
        return deployments.history(hostId, Math.max(1, Math.min(limit, MAX_HISTORY)));
    }

    /**
     * A page of the host's config versions, newest first: a host whose limits change with every warmup
     * tick collects thousands of them. The next page starts {@code before} the last version of this one.
     */
    public List<ConfigVersionStore.VersionSummary> versions(String hostId, Long before, int limit) {
        requireHost(hostId);
        return versions.list(hostId, before == null ? Long.MAX_VALUE : before, Math.max(1, Math.min(limit, MAX_HISTORY)));
    }

    public String version(String hostId, long version) {
        return find(hostId, version).text();
    }

    public String diff(String hostId, long from, long to) {
        return ConfigDiff.unified("version " + from, find(hostId, from).text(), "version " + to, find(hostId, to).text());
    }

    private RenderedConfig find(String hostId, long version) {
        requireHost(hostId);
        return versions.find(hostId, version)
                .orElseThrow(() -> new NoSuchVersionException(hostId, version));
    }

    /** The operator asked for a config version the host never had. */
    public static class NoSuchVersionException extends RuntimeException {
        public NoSuchVersionException(String hostId, long version) {
            super("PowerMTA host '" + hostId + "' has no config version " + version);
        }
    }

    private void requireHost(String hostId) {
        hosts.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
    }
}

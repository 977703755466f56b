package io.emailengine.pmtaconfig.application;

import java.time.Instant;
import java.util.List;

/** Port: the record of every deployment attempt. */
public interface DeploymentStore {

    void record(DeploymentRecord deployment);

    List<DeploymentRecord> history(String hostId, int limit);

    record DeploymentRecord(String hostId, long version, String contentHash, String trigger, String outcome,
                            boolean rolledBack, Instant startedAt, long durationMillis, String diff, String output) {
    }
}

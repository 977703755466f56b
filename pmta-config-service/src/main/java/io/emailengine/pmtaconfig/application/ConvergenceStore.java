package io.emailengine.pmtaconfig.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: per host, how far the deployed state is behind the desired state (level-triggered bookkeeping). */
public interface ConvergenceStore {

    void markChanged(String hostId, Instant now);

    /** Hosts quiet for {@code debounce} with unchecked changes, a due retry, or no check since {@code fullCheckBefore}. */
    List<String> dueHosts(Instant now, Duration debounce, Instant fullCheckBefore);

    Status status(String hostId);

    void recordUpToDate(String hostId, long generation, Instant now);

    void recordSuccess(String hostId, long generation, String hash, long version, Instant now);

    void recordFailure(String hostId, long generation, Instant now, Instant nextAttemptAt);

    List<Status> all();

    /** After an operator rollback: the host runs {@code version} and the reconciler leaves it alone. */
    void hold(String hostId, String hash, long version, Instant now);

    /** Ends a hold and makes the host due, so it converges to the desired state again. */
    void release(String hostId);

    record Status(String hostId, long desiredGeneration, long deployedGeneration, int consecutiveFailures,
                  String deployedHash, Long deployedVersion, Instant deployedAt, Long heldVersion) {

        public long pendingChanges() {
            return Math.max(0, desiredGeneration - deployedGeneration);
        }
    }
}

package io.emailengine.pmtaconfig.application;

import java.util.Optional;

/** Port: at most one deployment per host in flight, across all replicas. */
public interface HostLock {

    Optional<Held> tryLock(String hostId);

    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}

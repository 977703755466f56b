package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the registered PowerMTA hosts. */
public interface HostStore {

    /** @return true if the host was created, false if an existing one was replaced */
    boolean save(PmtaHost host, Instant now);

    Optional<PmtaHost> find(String hostId);

    List<PmtaHost> all();
}

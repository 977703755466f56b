package io.emailengine.pmtaconfig.application;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Port: the last probe result per host. */
public interface HostHealthStore {

    /** Records a probe and returns the previous reachability (empty for a first probe). Call in a transaction. */
    Optional<Boolean> record(String hostId, boolean reachable, String detail, Instant now);

    Map<String, Boolean> all();
}

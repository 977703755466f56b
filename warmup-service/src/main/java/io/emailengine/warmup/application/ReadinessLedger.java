package io.emailengine.warmup.application;

import io.emailengine.events.types.SendingIp;
import java.time.Instant;
import java.util.Optional;

/** Port: the last DNS readiness result of each IP. */
public interface ReadinessLedger {

    /** @return the previous result (passed or not), empty if never checked */
    Optional<Boolean> record(SendingIp ip, boolean passed, String report, Instant at);
}

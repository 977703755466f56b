package io.emailengine.simulator.pmta;

import java.time.Instant;

/**
 * One {@code pmta reload}.
 *
 * @param realTime      when it ran (real clock)
 * @param simulatedTime when it ran (simulated clock)
 * @param contentHash   SHA-256 (hex) of all config files read, or null when reading failed early
 * @param generatedHash the {@code # content-sha256:} of pmta-config-service's include file that became live, if any
 * @param vmtaCount     virtual MTAs in the config that was read (0 when it failed)
 * @param ok            whether the new config became live
 * @param message       the command's output ("Configuration reloaded." or the error)
 */
public record Reload(Instant realTime, Instant simulatedTime, String contentHash, String generatedHash, int vmtaCount,
                     boolean ok, String message) {
}

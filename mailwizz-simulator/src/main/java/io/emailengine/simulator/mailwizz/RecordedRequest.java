package io.emailengine.simulator.mailwizz;

import java.time.Instant;

/**
 * One API request as the simulator answered it.
 *
 * @param path       the path after {@code /api/index.php}, percent-decoded
 * @param authScheme {@code api-key} (2.x), {@code signed} (1.x) or {@code none}
 * @param customerId the authenticated customer, null when authentication failed
 */
public record RecordedRequest(Instant at, String method, String path, String authScheme, Long customerId, int status) {
}

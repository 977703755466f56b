package io.emailengine.pmtaconfig.adapter.out;

import java.time.Duration;

/**
 * @param connectTimeout  TCP connect + SSH handshake + channel open
 * @param commandTimeout  one remote command or SFTP transfer
 * @param attempts        tries per deployment when the host is unreachable (resilience4j retry)
 * @param firstBackoff    wait before the second try; doubles per try
 * @param breakerOpenFor  how long a host's circuit stays open after repeated unreachability
 */
public record SshSettings(Duration connectTimeout, Duration commandTimeout, int attempts, Duration firstBackoff,
                          Duration breakerOpenFor) {
}

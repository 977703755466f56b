package io.emailengine.warmup.application;

/** Raw registration or update input for one sending IP, as the API received it. */
public record IpRequest(String ip, String heloHostname, String sendingDomain, String dkimSelector, String hostId,
                        String vmta, String pool, Integer sendingHours) {
}

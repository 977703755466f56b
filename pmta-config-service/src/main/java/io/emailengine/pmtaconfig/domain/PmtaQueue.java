package io.emailengine.pmtaconfig.domain;

/**
 * One PowerMTA queue ({@code domain/vmta}) as {@code pmta --json show queues} reports it.
 *
 * @param domain      the queue's domain: a recipient domain ({@code gmail.com}) or an MX rollup ({@code gmail.rollup})
 * @param kb          queued kilobytes, null when the host did not say
 * @param connections open connections, null when the host did not say
 */
public record PmtaQueue(String domain, String vmta, long recipients, long messages, Long kb, Integer connections,
                        boolean paused) {

    public String name() {
        return domain + "/" + vmta;
    }
}

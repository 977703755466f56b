package io.emailengine.pmtaconfig.domain;

import java.util.List;

/**
 * What {@code pmta --json show queues} answered: the queues that could be read, and one line per entry that
 * could not (an unreadable entry never drops the readable ones).
 */
public record PmtaQueueListing(List<PmtaQueue> queues, List<String> skipped) {

    public PmtaQueueListing {
        queues = List.copyOf(queues);
        skipped = List.copyOf(skipped);
    }
}

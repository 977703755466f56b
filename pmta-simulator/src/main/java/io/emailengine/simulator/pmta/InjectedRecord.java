package io.emailengine.simulator.pmta;

import java.time.Instant;

/**
 * One record written by {@link PmtaHostSimulator#injectSignal}.
 *
 * @param messageId     the {@code header_Message-Id} of the record
 * @param writtenAt     real time the complete line was flushed to the accounting file
 * @param simulatedTime its {@code timeLogged} (simulated, whole seconds)
 * @param file          host path of the accounting file it was written to
 */
public record InjectedRecord(String messageId, Instant writtenAt, Instant simulatedTime, String file) {
}

package io.emailengine.pmtaconfig.domain;

/**
 * The host totals of {@code pmta --json show status}.
 *
 * @param version            PowerMTA's version text, null when absent
 * @param queuedRecipients   recipients in the SMTP queues
 * @param queuedMessages     messages in the SMTP queues
 * @param smtpOutConnections open outbound SMTP connections, null when absent
 */
public record PmtaHostStatus(String version, long queuedRecipients, long queuedMessages, Long smtpOutConnections) {
}

package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.PmtaHost;
import io.emailengine.pmtaconfig.domain.PmtaHostStatus;
import io.emailengine.pmtaconfig.domain.PmtaQueueListing;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import java.util.Set;

/** Port: the PowerMTA host over SSH/SFTP. Implementations retry transient failures and time-limit every step. */
public interface PmtaHostClient {

    /**
     * Installs the include file safely (upload aside, backup, rename, test, reload, verify) and restores the
     * backup on any failure after the rename. Never throws for an outcome; only for programming errors.
     */
    DeployResult deploy(PmtaHost host, RenderedConfig config, Set<String> expectedVmtas);

    /** Writes a file over SFTP with the given POSIX mode, via a temporary name and a rename. */
    void upload(PmtaHost host, String remotePath, byte[] content, int mode);

    /** One SSH round trip running the verify command: empty when the host answers, else what went wrong. */
    java.util.Optional<String> probe(PmtaHost host);

    /** Runs one already-whitelisted command, with retry and circuit breaker. */
    CommandOutcome run(PmtaHost host, String command);

    record CommandOutcome(int exit, String output) {
    }

    /**
     * {@code pmta --json show queues}, read tolerantly (with retry and circuit breaker).
     *
     * @throws HostUnreachableException        the host could not be asked
     * @throws HostKeyRejectedException        the host presented another key
     * @throws io.emailengine.pmtaconfig.domain.UnreadablePmtaOutputException the command failed or its answer can't be read
     */
    PmtaQueueListing showQueues(PmtaHost host);

    /** {@code pmta --json show status}: the host's queue totals; throws like {@link #showQueues}. */
    PmtaHostStatus showStatus(PmtaHost host);

    /** Reads a (config) file over SFTP. */
    String read(PmtaHost host, String remotePath);

    enum Outcome {
        SUCCEEDED, TEST_FAILED, RELOAD_FAILED, VERIFY_FAILED, UNREACHABLE, HOST_KEY_REJECTED, CIRCUIT_OPEN, INVALID_CONFIG;

        public boolean succeeded() {
            return this == SUCCEEDED;
        }
    }

    record DeployResult(Outcome outcome, boolean rolledBack, String output) {
    }

    /** The host could not be reached or an SSH/SFTP step failed; retryable. */
    class HostUnreachableException extends RuntimeException {
        public HostUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The host presented a key other than the pinned one; never retried. */
    class HostKeyRejectedException extends RuntimeException {
        public HostKeyRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.emailengine.sandbox;

import java.util.List;

/**
 * One piece of the local system the sandbox starts: infrastructure (Kafka, PostgreSQL), a service, and later the
 * simulators (PowerMTA over SSH, MailWizz, Telegram). Components are started in order and stopped in reverse order.
 */
public interface Component {

    /** Short name used in progress lines and errors. */
    String name();

    /** Starts the component; returns once it accepts connections (or, for child processes, once launched). */
    void start() throws Exception;

    /** Stops the component; never throws, safe to call twice or when {@link #start()} failed. */
    void stop();

    /** Lines for the summary printed once everything is up (addresses, credentials, where the logs are). */
    List<String> describe();
}

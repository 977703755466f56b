package io.emailengine.pmtaconfig.domain;

/** A {@code pmta --json ...} answer that cannot be read: the command and why, never guessed into zeros. */
public class UnreadablePmtaOutputException extends RuntimeException {

    private final String command;

    public UnreadablePmtaOutputException(String command, String reason) {
        super("'" + command + "': unreadable output: " + reason);
        this.command = command;
    }

    public String command() {
        return command;
    }
}

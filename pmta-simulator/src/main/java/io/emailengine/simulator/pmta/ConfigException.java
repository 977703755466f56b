package io.emailengine.simulator.pmta;

/** A config error in PowerMTA's style: {@code Error in line 11 of /etc/pmta/config: ...}. */
public final class ConfigException extends Exception {

    private final String file;
    private final int line;

    public ConfigException(String file, int line, String message) {
        super("Error in line " + line + " of " + file + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}

package io.emailengine.pmtaconfig.domain;

import java.util.regex.Pattern;

/**
 * One PowerMTA host the engine deploys to. Every field ends up in an SSH connection, a remote path
 * or a remote command, so each is whitelisted here; field names are those of the admin API.
 *
 * @param privateKeyRef       where the SSH private key is: {@code file:/mounted/path} or {@code env:VARIABLE};
 *                            the key itself is never stored or returned
 * @param hostKeySha256       the pinned host key, OpenSSH fingerprint form {@code SHA256:...}; or null when
 *                            {@code knownHostsPath} is used
 * @param includePath         the generated include file; must end in {@code .conf} so that the upload
 *                            ({@code .upload}) and backup ({@code .bak}) names fall outside a {@code *.conf} include glob
 */
public record PmtaHost(String hostId, String address, int port, String user, String privateKeyRef,
                       String hostKeySha256, String knownHostsPath, String includePath, String dkimKeyDir,
                       String testCommand, String reloadCommand, String verifyCommand) {

    public static final String DEFAULT_TEST_COMMAND = "pmta test config";
    public static final String DEFAULT_RELOAD_COMMAND = "pmta reload";
    public static final String DEFAULT_VERIFY_COMMAND = "pmta --json show vmtas";

    private static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    private static final Pattern KEY_REF = Pattern.compile("file:/[A-Za-z0-9._/-]{1,1023}|env:[A-Z_][A-Z0-9_]{0,63}");

    public PmtaHost {
        hostId = matching("hostId", hostId, HOST_ID);
        address = address != null && address.indexOf(':') < 0 && !address.matches("[0-9.]+")
                ? ConfigValues.domain("address", address) : ConfigValues.ip("address", address);
        if (port < 1 || port > 65_535) {
            throw new InvalidConfigValueException("port", "must be 1..65535, was " + port);
        }
        user = matching("user", user, USER);
        privateKeyRef = matching("privateKeyRef", privateKeyRef, KEY_REF);
        if (privateKeyRef.startsWith("file:")) {
            ConfigValues.path("privateKeyRef", privateKeyRef.substring("file:".length()));
        }
        if (hostKeySha256 == null && knownHostsPath == null) {
            throw new InvalidConfigValueException("hostKeySha256", "a pinned host key or a knownHostsPath is required");
        }
        if (hostKeySha256 != null) {
            ConfigValues.sha256Fingerprint("hostKeySha256", hostKeySha256);
        }
        if (knownHostsPath != null) {
            ConfigValues.path("knownHostsPath", knownHostsPath);
        }
        includePath = ConfigValues.path("includePath", includePath);
        if (!includePath.endsWith(".conf")) {
            throw new InvalidConfigValueException("includePath", "must end in .conf");
        }
        dkimKeyDir = ConfigValues.path("dkimKeyDir", dkimKeyDir);
        testCommand = ConfigValues.command("testCommand", testCommand == null ? DEFAULT_TEST_COMMAND : testCommand);
        reloadCommand = ConfigValues.command("reloadCommand", reloadCommand == null ? DEFAULT_RELOAD_COMMAND : reloadCommand);
        verifyCommand = ConfigValues.command("verifyCommand", verifyCommand == null ? DEFAULT_VERIFY_COMMAND : verifyCommand);
    }

    /** Upload target; outside a {@code *.conf} include glob so PowerMTA never reads a half-written file. */
    public String uploadPath() {
        return includePath + ".upload";
    }

    public String backupPath() {
        return includePath + ".bak";
    }

    /**
     * A {@code pmta} command on this host: the reload command without its last word, then the arguments, so a
     * host configured with {@code sudo -n pmta reload} is asked {@code sudo -n pmta --json show queues}.
     *
     * @param arguments fixed arguments chosen by the engine (never user input)
     */
    public String pmtaCommand(String arguments) {
        if (!reloadCommand.endsWith(" reload")) {
            throw new InvalidConfigValueException("reloadCommand", "does not end in ' reload'; the pmta command cannot be derived");
        }
        return ConfigValues.command("command", reloadCommand.substring(0, reloadCommand.length() - " reload".length())
                + " " + arguments);
    }

    private static String matching(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidConfigValueException(field, value == null ? "is required"
                    : "'" + ConfigValues.printable(value) + "' must match " + pattern.pattern());
        }
        return value;
    }
}

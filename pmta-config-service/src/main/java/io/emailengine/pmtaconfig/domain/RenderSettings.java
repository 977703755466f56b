package io.emailengine.pmtaconfig.domain;

/**
 * Host-level parts of the generated file that are not per-VMTA.
 *
 * @param dkimKeyDir     where the host keeps DKIM private keys; key files are {@code <selector>.<domain>.pem}
 * @param accountingFile the {@code <acct-file>} the engine owns (bounce-ingest reads it)
 */
public record RenderSettings(String dkimKeyDir, String accountingFile, String accountingMoveInterval,
                             String accountingMaxSize) {

    public RenderSettings {
        dkimKeyDir = ConfigValues.path("dkimKeyDir", dkimKeyDir);
        accountingFile = ConfigValues.path("accountingFile", accountingFile);
        accountingMoveInterval = ConfigValues.interval("accountingMoveInterval", accountingMoveInterval);
        accountingMaxSize = ConfigValues.size("accountingMaxSize", accountingMaxSize);
    }

    public String dkimKeyPath(String selector, String domain) {
        return dkimKeyDir + "/" + selector + "." + domain + ".pem";
    }
}

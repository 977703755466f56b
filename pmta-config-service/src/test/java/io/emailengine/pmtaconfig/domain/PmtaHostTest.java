package io.emailengine.pmtaconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PmtaHostTest {

    private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    private static PmtaHost host(String keyRef, String fingerprint, String knownHosts, String include) {
        return new PmtaHost("pmta-1", "pmta1.example.com", 22, "pmta", keyRef, fingerprint, knownHosts, include,
                "/etc/pmta/dkim", null, null, null);
    }

    @Test
    void defaultsToThePowerMtaCommandsAndDerivesUploadAndBackupNamesOutsideTheIncludeGlob() {
        PmtaHost host = host("env:PMTA_1_SSH_KEY", FINGERPRINT, null, "/etc/pmta/email-engine.d/engine.conf");

        assertThat(host.testCommand()).isEqualTo("pmta test config");
        assertThat(host.reloadCommand()).isEqualTo("pmta reload");
        assertThat(host.verifyCommand()).isEqualTo("pmta --json show vmtas");
        assertThat(host.uploadPath()).isEqualTo("/etc/pmta/email-engine.d/engine.conf.upload").doesNotEndWith(".conf");
        assertThat(host.backupPath()).isEqualTo("/etc/pmta/email-engine.d/engine.conf.bak").doesNotEndWith(".conf");
    }

    @Test
    void showCommandsUseThePmtaInvocationOfTheReloadCommand() {
        PmtaHost plain = host("env:K", FINGERPRINT, null, "/etc/pmta/e.conf");
        PmtaHost sudo = new PmtaHost("pmta-1", "pmta1.example.com", 22, "pmta", "env:K", FINGERPRINT, null, "/etc/pmta/e.conf",
                "/etc/pmta/dkim", "sudo -n /usr/sbin/pmta test config", "sudo -n /usr/sbin/pmta reload", null);
        PmtaHost odd = new PmtaHost("pmta-1", "pmta1.example.com", 22, "pmta", "env:K", FINGERPRINT, null, "/etc/pmta/e.conf",
                "/etc/pmta/dkim", null, "systemctl reload-or-restart pmta", null);

        assertThat(plain.pmtaCommand("--json show queues")).isEqualTo("pmta --json show queues");
        assertThat(sudo.pmtaCommand("--json show status")).isEqualTo("sudo -n /usr/sbin/pmta --json show status");
        assertThatThrownBy(() -> odd.pmtaCommand("--json show queues")).isInstanceOf(InvalidConfigValueException.class)
                .hasMessageContaining("reloadCommand");
    }

    @Test
    void refusesAHostWithoutAPinnedKeyOrKnownHostsFile() {
        assertThatThrownBy(() -> host("file:/run/secrets/pmta", null, null, "/etc/pmta/e.conf"))
                .isInstanceOf(InvalidConfigValueException.class)
                .extracting(e -> ((InvalidConfigValueException) e).field()).isEqualTo("hostKeySha256");
        assertThat(host("file:/run/secrets/pmta", null, "/etc/email-engine/known_hosts", "/etc/pmta/e.conf").knownHostsPath())
                .isEqualTo("/etc/email-engine/known_hosts");
    }

    @Test
    void refusesKeyReferencesThatAreNeitherAFileNorAnEnvironmentVariable() {
        assertThatThrownBy(() -> host("-----BEGIN RSA PRIVATE KEY-----", FINGERPRINT, null, "/etc/pmta/e.conf"))
                .isInstanceOf(InvalidConfigValueException.class)
                .hasMessageStartingWith("privateKeyRef: ");
        assertThatThrownBy(() -> host("file:/run/../etc/shadow", FINGERPRINT, null, "/etc/pmta/e.conf"))
                .isInstanceOf(InvalidConfigValueException.class);
    }

    @Test
    void includeFileMustEndInConfSoTheTemporaryNamesStayOutsideTheGlob() {
        assertThatThrownBy(() -> host("env:K", FINGERPRINT, null, "/etc/pmta/email-engine.d/engine"))
                .isInstanceOf(InvalidConfigValueException.class)
                .hasMessage("includePath: must end in .conf");
    }
}

package io.emailengine.simulator.pmta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host as pmta-config-service and bounce-ingest see it: JSch over a real SSH connection. */
class PmtaHostSshTest {

    private static final String INCLUDE = PmtaHostSimulator.ENGINE_INCLUDE_PATH;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;
    private static Path clientKey;
    private static Path strangerKey;
    private static java.security.KeyPair client;

    @TempDir
    Path base;
    private PmtaHostSimulator host;
    private SshClient ssh;

    @BeforeAll
    static void clientKeys() {
        clientKey = keys.resolve("client.key");
        strangerKey = keys.resolve("stranger.key");
        client = ClientKeys.generate(clientKey);
        ClientKeys.generate(strangerKey);
    }

    @BeforeEach
    void startHost() throws Exception {
        host = new PmtaHostSimulator(options());
        host.start();
        ssh = SshClient.connect(host.port(), host.hostKeyFingerprint(), clientKey);
    }

    private PmtaSimulatorOptions options() {
        return PmtaSimulatorOptions.of("pmta-1", base.resolve("root"))
                .withAuthorizedKeys(List.of(client.getPublic()))
                .withClock(new TestClock(Instant.parse("2026-11-20T08:00:00Z")))
                .withTrafficTick(Duration.ZERO);
    }

    @AfterEach
    void stopHost() {
        if (ssh != null) {
            ssh.close();
        }
        host.close();
    }

    /** pmta-config-service's safe sequence: upload to a temp name, rename into place, test, reload, verify. */
    private void deploy(String content) throws Exception {
        ChannelSftp sftp = ssh.sftp();
        try {
            sftp.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), INCLUDE + ".upload", ChannelSftp.OVERWRITE);
            try {
                sftp.rename(INCLUDE + ".upload", INCLUDE);
            } catch (SftpException exists) {
                sftp.rm(INCLUDE);
                sftp.rename(INCLUDE + ".upload", INCLUDE);
            }
        } finally {
            sftp.disconnect();
        }
    }

    @Test
    void acceptsThePinnedHostKeyAndAnAuthorizedKeyOfUserPmtaOnly() throws Exception {
        assertThat(host.hostKeyFingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");
        assertThat(ssh.exec("pmta test config").exit()).isZero();

        String otherFingerprint = "SHA256:" + "A".repeat(43);
        assertThatThrownBy(() -> SshClient.connect(host.port(), otherFingerprint, clientKey))
                .isInstanceOf(JSchException.class).hasMessageContaining("HostKey");
        assertThatThrownBy(() -> SshClient.connect(host.port(), host.hostKeyFingerprint(), strangerKey))
                .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
        assertThatThrownBy(() -> SshClient.connect(host.port(), host.hostKeyFingerprint(), clientKey, "root"))
                .as("an authorized key under another user name").isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
    }

    @Test
    void goldenRenderUploadedOverSftpPassesTestReloadsAndIsListedByShowVmtas() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));
        List<Reload> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        host.onReload(heard::add);

        SshClient.Exec test = ssh.exec("pmta test config");
        SshClient.Exec reload = ssh.exec("pmta reload");
        SshClient.Exec vmtas = ssh.exec("pmta --json show vmtas");

        assertThat(test.exit()).isZero();
        assertThat(test.output()).isEqualTo("Configuration OK.\n").doesNotContainIgnoringCase("error");
        assertThat(reload.exit()).isZero();
        assertThat(reload.output()).isEqualTo("Configuration reloaded.\n");
        assertThat(vmtas.exit()).isZero();
        assertThat(namesIn(JSON.readTree(vmtas.output()))).containsExactlyInAnyOrder("v203-0-113-10", "v203-0-113-11", "v203-0-113-12");
        JsonNode first = JSON.readTree(vmtas.output()).get("vmtas").get(0);
        assertThat(first.get("sourceIp").asText()).isEqualTo("203.0.113.10");
        assertThat(first.get("pools").get(0).asText()).isEqualTo("tenant-a");
        assertThat(host.liveConfig().virtualMtas()).hasSize(3);
        assertThat(host.reloads()).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.vmtaCount()).isEqualTo(3);
            assertThat(r.generatedHash()).isEqualTo("857fdd6f3b6a031bd5949793a1e93f4caeea833c170a851c15c4cbbbfaeb39c5");
            assertThat(r.simulatedTime()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        });
        assertThat(heard).isEqualTo(host.reloads());
        assertThat(host.commands()).containsExactly("pmta test config", "pmta reload", "pmta --json show vmtas");
        assertThat(host.describe()).first().asString()
                .contains("pmta-1", ":" + host.port(), host.hostKeyFingerprint());
        assertThat(host.describe()).anySatisfy(line -> assertThat(line)
                .contains("accounting: /var/log/pmta/email-engine-acct.csv records d,b,t,rb,f, rotated every 5m"));
    }

    @Test
    void sudoPrefixOfAHostsConfiguredCommandsIsAccepted() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));

        assertThat(ssh.exec("sudo -n pmta test config").exit()).isZero();
        assertThat(ssh.exec("sudo -n pmta reload").exit()).isZero();
        assertThat(ssh.exec("sudo rm -rf /").exit()).isEqualTo(127);
        assertThat(host.reloads()).hasSize(1);
    }

    /** What SshPmtaHostClient does with the answer: every "name" or "vmta" string anywhere. */
    private static Set<String> namesIn(JsonNode node) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> stack = new ArrayList<>(List.of(node));
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            n.fields().forEachRemaining(f -> {
                if ((f.getKey().equals("name") || f.getKey().equals("vmta")) && f.getValue().isTextual()) {
                    names.add(f.getValue().asText());
                } else {
                    stack.add(f.getValue());
                }
            });
            if (n.isArray()) {
                n.forEach(stack::add);
            }
        }
        return names;
    }

    @Test
    void brokenRenderFailsTestAndReloadWithItsLineAndTheOldConfigStaysLive() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));
        assertThat(ssh.exec("pmta reload").exit()).isZero();
        deploy(Fixtures.resource(Fixtures.GOLDEN).replace("max-msg-rate 1200/h", "max-msg-rate 1200/hour")
                .replace("<virtual-mta v203-0-113-12>", "<virtual-mta v203-0-113-99>"));

        SshClient.Exec test = ssh.exec("pmta test config");
        SshClient.Exec reload = ssh.exec("pmta reload");

        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.output()).startsWith("Error in line 18 of " + INCLUDE + ": invalid value '1200/hour' for max-msg-rate");
        assertThat(reload.exit()).isEqualTo(1);
        assertThat(reload.output()).startsWith("Error in line 18 of " + INCLUDE);
        assertThat(host.liveConfig().virtualMtas()).containsOnlyKeys("v203-0-113-10", "v203-0-113-11", "v203-0-113-12");
        assertThat(host.reloads()).extracting(Reload::ok).containsExactly(true, false);
        assertThat(namesIn(JSON.readTree(ssh.exec("pmta --json show vmtas").output()))).contains("v203-0-113-12");
    }

    @Test
    void unbalancedBlockAndInjectionLookingLinesFailWithALineNumber() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN).replace("</virtual-mta-pool>\n\n<virtual-mta-pool tenant-b>", "\n<virtual-mta-pool tenant-b>"));
        SshClient.Exec unbalanced = ssh.exec("pmta test config");
        deploy(Fixtures.resource(Fixtures.GOLDEN).replace("mta10.mail1.example.com", "mta10.mail1.example.com\n<virtual-mta evil>"));
        SshClient.Exec injected = ssh.exec("pmta test config");

        assertThat(unbalanced.exit()).isEqualTo(1);
        assertThat(unbalanced.output()).matches("Error in line \\d+ of " + INCLUDE + ": section <virtual-mta-pool> is not allowed in <virtual-mta-pool>\n");
        assertThat(injected.exit()).isEqualTo(1);
        assertThat(injected.output()).startsWith("Error in line 16 of " + INCLUDE + ": section <virtual-mta> is not allowed in <virtual-mta>");
    }

    @Test
    void onlyThePmtaCommandRunsAndShellSyntaxIsRefused() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));

        SshClient.Exec ls = ssh.exec("ls /");
        SshClient.Exec chained = ssh.exec("pmta reload; rm -rf /");
        SshClient.Exec substituted = ssh.exec("pmta pause queue gmail.rollup/$(id)");
        SshClient.Exec unknown = ssh.exec("pmta delete everything");

        assertThat(ls.exit()).isEqualTo(127);
        assertThat(ls.output()).isEqualTo("bash: ls: command not found\n");
        assertThat(chained.exit()).isEqualTo(2);
        assertThat(substituted.exit()).isEqualTo(2);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(host.reloads()).isEmpty();
        assertThat(host.pausedQueues()).isEmpty();
    }

    @Test
    void pauseAndResumeQueueOfALiveVirtualMta() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));
        ssh.exec("pmta reload");

        SshClient.Exec pause = ssh.exec("pmta pause queue gmail.rollup/v203-0-113-10");
        Set<String> paused = host.pausedQueues();
        SshClient.Exec unknownVmta = ssh.exec("pmta pause queue gmail.rollup/v203-0-113-77");
        SshClient.Exec resume = ssh.exec("pmta resume queue gmail.rollup/v203-0-113-10");

        assertThat(pause.exit()).isZero();
        assertThat(paused).containsExactly("gmail.rollup/v203-0-113-10");
        assertThat(unknownVmta.exit()).isEqualTo(1);
        assertThat(resume.exit()).isZero();
        assertThat(host.pausedQueues()).isEmpty();
    }

    @Test
    void statusAndQueuesAnswerInTheAgreedJsonShape() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));
        ssh.exec("pmta reload");

        JsonNode status = JSON.readTree(ssh.exec("pmta --json show status").output()).get("status");
        JsonNode queues = JSON.readTree(ssh.exec("pmta --json show queues").output());

        assertThat(status.get("version").asText()).isEqualTo("5.0r1 (simulated)");
        assertThat(status.get("uptime").asText()).isEqualTo("0d 00:00:00");
        assertThat(status.at("/queue/smtp/rcp").isNumber()).isTrue();
        assertThat(status.at("/queue/smtp/msg").isNumber()).isTrue();
        assertThat(status.at("/queue/smtp/kb").isNumber()).isTrue();
        assertThat(status.at("/conn/smtpOut").isNumber()).isTrue();
        assertThat(status.at("/traffic/lastHour/out/rcp").isNumber()).isTrue();
        assertThat(status.at("/traffic/lastHour/out/msg").isNumber()).isTrue();
        assertThat(queues.get("queues").isArray()).isTrue();
    }

    @Test
    void failSwitchesBreakTheNextTestReloadOrVerifyOnce() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));
        host.failNextTestConfig();
        host.failNextReload();

        assertThat(ssh.exec("pmta test config").exit()).isEqualTo(1);
        assertThat(ssh.exec("pmta test config").exit()).isZero();
        assertThat(ssh.exec("pmta reload").output()).startsWith("Error in line 1 of /etc/pmta/config: simulated failure");
        assertThat(host.liveConfig().virtualMtas()).isEmpty();
        assertThat(ssh.exec("pmta reload").exit()).isZero();
        assertThat(host.liveConfig().virtualMtas()).hasSize(3);
        host.failNextVerify();
        assertThat(namesIn(JSON.readTree(ssh.exec("pmta --json show vmtas").output()))).isEmpty();
        assertThat(namesIn(JSON.readTree(ssh.exec("pmta --json show vmtas").output()))).hasSize(3);
    }

    @Test
    void sftpIsChrootedToTheHostRootAndKeepsFileModes() throws Exception {
        ChannelSftp sftp = ssh.sftp();
        try {
            sftp.put(new ByteArrayInputStream("key".getBytes(StandardCharsets.UTF_8)), "/etc/pmta/dkim/s2026.mail1.example.com.pem.upload");
            sftp.chmod(0600, "/etc/pmta/dkim/s2026.mail1.example.com.pem.upload");
            sftp.rename("/etc/pmta/dkim/s2026.mail1.example.com.pem.upload", "/etc/pmta/dkim/s2026.mail1.example.com.pem");
            sftp.cd("/../..");
            assertThat(sftp.pwd()).isEqualTo("/");
            List<String> top = new ArrayList<>();
            for (Object entry : sftp.ls("/")) {
                top.add(((ChannelSftp.LsEntry) entry).getFilename());
            }
            assertThat(top).contains("etc", "var").doesNotContain("root", "proc");
        } finally {
            sftp.disconnect();
        }
        Path key = host.local("/etc/pmta/dkim/s2026.mail1.example.com.pem");
        assertThat(Files.readString(key)).isEqualTo("key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.exists(host.local(PmtaHostSimulator.MAIN_CONFIG))).isTrue();
    }

    @Test
    void hostKeyAndPortSurviveARestartAndTheConfigIsReadAgain() throws Exception {
        deploy(Fixtures.resource(Fixtures.GOLDEN));
        ssh.exec("pmta reload");
        ssh.close();
        ssh = null;
        String fingerprint = host.hostKeyFingerprint();
        int port = host.port();

        host.stop();
        assertThatThrownBy(() -> SshClient.connect(port, fingerprint, clientKey)).isInstanceOf(JSchException.class);
        host.start();
        try (SshClient again = SshClient.connect(port, fingerprint, clientKey)) {
            assertThat(again.exec("pmta test config").exit()).isZero();
        }
        host.close();
        host = new PmtaHostSimulator(options());
        host.start();

        assertThat(host.hostKeyFingerprint()).isEqualTo(fingerprint);
        assertThat(host.liveConfig().virtualMtas()).hasSize(3);
    }
}

package io.emailengine.pmtaconfig.adapter.out;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import io.emailengine.kit.ssh.PinnedHostKeys;
import io.emailengine.pmtaconfig.application.PmtaHostClient;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import io.emailengine.pmtaconfig.domain.PmtaHostStatus;
import io.emailengine.pmtaconfig.domain.PmtaQueueListing;
import io.emailengine.pmtaconfig.domain.UnreadablePmtaOutputException;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * PowerMTA host over SSH (JSch): strict host-key checking against the pinned key, key
 * authentication, connect and command timeouts, resilience4j retry with exponential backoff and a
 * circuit breaker per host. Commands are fixed strings from the validated host record; nothing
 * from a request is ever put on a command line, and files are moved with SFTP, not with a shell.
 */
@Component
class SshPmtaHostClient implements PmtaHostClient {

    private static final Logger log = LoggerFactory.getLogger(SshPmtaHostClient.class);
    private static final int MAX_OUTPUT = 64 * 1024;
    /** {@code show queues} of a host with thousands of virtual MTAs runs to megabytes; larger is refused, not cut. */
    private static final int MAX_JSON_OUTPUT = 32 * 1024 * 1024;
    static final String SHOW_QUEUES = "--json show queues";
    static final String SHOW_STATUS = "--json show status";

    private final SshSettings settings;
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final ObjectMapper json = new ObjectMapper();

    SshPmtaHostClient(SshSettings settings, RetryRegistry retries, CircuitBreakerRegistry breakers) {
        this.settings = settings;
        this.retries = retries;
        this.breakers = breakers;
    }

    @Override
    public DeployResult deploy(PmtaHost host, RenderedConfig config, Set<String> expectedVmtas) {
        try {
            return resilient(host, () -> withSession(host, session -> install(session, host, config, expectedVmtas)));
        } catch (HostKeyRejectedException e) {
            return new DeployResult(Outcome.HOST_KEY_REJECTED, false, e.getMessage());
        } catch (CallNotPermittedException e) {
            return new DeployResult(Outcome.CIRCUIT_OPEN, false, "circuit breaker of host " + host.hostId() + " is open");
        } catch (HostUnreachableException e) {
            return new DeployResult(Outcome.UNREACHABLE, false, e.getMessage());
        }
    }

    @Override
    public void upload(PmtaHost host, String remotePath, byte[] content, int mode) {
        resilient(host, () -> withSession(host, session -> {
            ChannelSftp sftp = sftp(session);
            try {
                String temporary = remotePath + ".upload";
                sftp.put(new ByteArrayInputStream(content), temporary, ChannelSftp.OVERWRITE);
                // The mode is set before the rename, so the key is never readable by others under its final name.
                sftp.chmod(mode, temporary);
                replace(sftp, temporary, remotePath);
                return null;
            } finally {
                sftp.disconnect();
            }
        }));
    }

    @Override
    public CommandOutcome run(PmtaHost host, String command) {
        CommandResult result = resilient(host, () -> withSession(host, session -> exec(session, command)));
        return new CommandOutcome(result.exit(), result.output());
    }

    @Override
    public PmtaQueueListing showQueues(PmtaHost host) {
        String command = host.pmtaCommand(SHOW_QUEUES);
        return PmtaJsonReader.queues(command, jsonAnswer(host, command));
    }

    @Override
    public PmtaHostStatus showStatus(PmtaHost host) {
        String command = host.pmtaCommand(SHOW_STATUS);
        return PmtaJsonReader.status(command, jsonAnswer(host, command));
    }

    private String jsonAnswer(PmtaHost host, String command) {
        CommandResult result;
        try {
            result = resilient(host, () -> withSession(host, session -> exec(session, command, MAX_JSON_OUTPUT)));
        } catch (CallNotPermittedException e) {
            throw new HostUnreachableException("circuit breaker of host " + host.hostId() + " is open", e);
        }
        if (result.truncated()) {
            throw new UnreadablePmtaOutputException(command, "answer larger than " + MAX_JSON_OUTPUT + " bytes");
        }
        if (!result.ok()) {
            String first = result.output().strip().lines().findFirst().orElse("");
            throw new UnreadablePmtaOutputException(command, "exited with " + result.exit()
                    + (first.isEmpty() ? "" : ": " + (first.length() > 120 ? first.substring(0, 120) + "…" : first)));
        }
        return result.output();
    }

    /** Deliberately outside retry and circuit breaker: a probe must see the host as it is right now. */
    @Override
    public Optional<String> probe(PmtaHost host) {
        try {
            CommandResult result = withSession(host, session -> exec(session, host.verifyCommand()));
            return result.ok() ? Optional.empty()
                    : Optional.of("'" + host.verifyCommand() + "' exited with " + result.exit());
        } catch (HostKeyRejectedException | HostUnreachableException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public String read(PmtaHost host, String remotePath) {
        return resilient(host, () -> withSession(host, session -> {
            ChannelSftp sftp = sftp(session);
            try {
                String content = readIfExists(sftp, remotePath);
                if (content == null) {
                    throw new IllegalArgumentException("no file " + remotePath + " on host " + host.hostId());
                }
                return content;
            } finally {
                sftp.disconnect();
            }
        }));
    }

    /** The safe sequence; any failure after the rename restores the previous file and reloads. */
    private DeployResult install(Session session, PmtaHost host, RenderedConfig config, Set<String> expectedVmtas)
            throws JSchException, SftpException, IOException {
        StringBuilder output = new StringBuilder();
        ChannelSftp sftp = sftp(session);
        try {
            String current = readIfExists(sftp, host.includePath());
            if (current != null && current.contains("# content-sha256: " + config.contentHash() + "\n")) {
                // A previous attempt installed this file and then lost the connection: its backup is the real previous one.
                current = readIfExists(sftp, host.backupPath());
            }
            sftp.put(new ByteArrayInputStream(config.text().getBytes(StandardCharsets.UTF_8)), host.uploadPath(),
                    ChannelSftp.OVERWRITE);
            if (current != null) {
                sftp.put(new ByteArrayInputStream(current.getBytes(StandardCharsets.UTF_8)), host.backupPath(),
                        ChannelSftp.OVERWRITE);
            }
            replace(sftp, host.uploadPath(), host.includePath());
            output.append("installed version ").append(config.version()).append(" at ").append(host.includePath()).append('\n');

            CommandResult test = exec(session, host.testCommand());
            output.append("$ ").append(host.testCommand()).append(" (exit ").append(test.exit()).append(")\n").append(test.output());
            if (!test.ok() || mentionsError(test.output())) {
                return rollback(session, sftp, host, current, output, Outcome.TEST_FAILED);
            }
            CommandResult reload = exec(session, host.reloadCommand());
            output.append("$ ").append(host.reloadCommand()).append(" (exit ").append(reload.exit()).append(")\n").append(reload.output());
            if (!reload.ok() || mentionsError(reload.output())) {
                return rollback(session, sftp, host, current, output, Outcome.RELOAD_FAILED);
            }
            CommandResult verify = exec(session, host.verifyCommand());
            Set<String> missing = new TreeSet<>(expectedVmtas);
            missing.removeAll(liveVmtas(verify.output()));
            output.append("$ ").append(host.verifyCommand()).append(" (exit ").append(verify.exit()).append(")\n");
            if (!verify.ok() || !missing.isEmpty()) {
                output.append("virtual MTAs not live: ").append(missing).append('\n');
                return rollback(session, sftp, host, current, output, Outcome.VERIFY_FAILED);
            }
            output.append("verified ").append(expectedVmtas.size()).append(" virtual MTAs live\n");
            return new DeployResult(Outcome.SUCCEEDED, false, output.toString());
        } finally {
            sftp.disconnect();
        }
    }

    private DeployResult rollback(Session session, ChannelSftp sftp, PmtaHost host, String previous, StringBuilder output,
                                  Outcome outcome) throws JSchException, SftpException, IOException {
        if (previous != null) {
            sftp.put(new ByteArrayInputStream(previous.getBytes(StandardCharsets.UTF_8)), host.uploadPath(), ChannelSftp.OVERWRITE);
            replace(sftp, host.uploadPath(), host.includePath());
            output.append("restored the previous ").append(host.includePath()).append('\n');
        } else {
            sftp.rm(host.includePath());
            output.append("removed ").append(host.includePath()).append(" (there was no previous file)\n");
        }
        CommandResult reload = exec(session, host.reloadCommand());
        output.append("$ ").append(host.reloadCommand()).append(" (exit ").append(reload.exit()).append(")\n").append(reload.output());
        log.warn("Deployment to PowerMTA host {} failed ({}); previous config restored", host.hostId(), outcome);
        return new DeployResult(outcome, true, output.toString());
    }

    /** PowerMTA reports config errors as text ("Error in line 11 of ..."), sometimes with exit code 0. */
    private static boolean mentionsError(String output) {
        return output.toLowerCase(Locale.ROOT).contains("error");
    }

    /** Every "name" (or "vmta") string anywhere in the JSON answer; tolerant of the exact shape. */
    private Set<String> liveVmtas(String jsonText) {
        Set<String> names = new HashSet<>();
        try {
            collectNames(json.readTree(jsonText), names);
        } catch (IOException e) {
            log.warn("Unparseable answer of the verify command: {}", e.getMessage());
        }
        return names;
    }

    private static void collectNames(JsonNode node, Set<String> names) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("name") || field.getKey().equals("vmta")) && field.getValue().isTextual()) {
                    names.add(field.getValue().asText());
                } else {
                    collectNames(field.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectNames(child, names));
        }
    }

    private <T> T resilient(PmtaHost host, Supplier<T> call) {
        Retry retry = retries.retry("pmta-ssh-" + host.hostId(), RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.firstBackoff(), 2.0))
                .retryExceptions(HostUnreachableException.class)
                .build());
        CircuitBreaker breaker = breakers.circuitBreaker("pmta-ssh-" + host.hostId(), CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(80)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .recordExceptions(HostUnreachableException.class)
                .build());
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
    }

    private interface SessionWork<T> {
        T run(Session session) throws JSchException, SftpException, IOException;
    }

    private <T> T withSession(PmtaHost host, SessionWork<T> work) {
        JSch jsch = new JSch();
        PinnedHostKeys hostKeys;
        Session session = null;
        try {
            HostKeyRepositoryHolder known = null;
            if (host.hostKeySha256() == null) {
                jsch.setKnownHosts(host.knownHostsPath());
                known = new HostKeyRepositoryHolder(jsch.getHostKeyRepository());
            }
            hostKeys = new PinnedHostKeys(host.hostKeySha256(), known == null ? null : known.repository());
            jsch.setHostKeyRepository(hostKeys);
            jsch.addIdentity("pmta-host-" + host.hostId(), privateKey(host), null, null);
            session = jsch.getSession(host.user(), host.address(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setTimeout(millis(settings.commandTimeout()));
        } catch (JSchException e) {
            throw new HostUnreachableException("SSH setup for host " + host.hostId() + " failed: " + e.getMessage(), e);
        }
        try {
            session.connect(millis(settings.connectTimeout()));
        } catch (JSchException e) {
            if (hostKeys.rejected()) {
                throw new HostKeyRejectedException("host " + host.hostId() + " presented an SSH host key that does not match the pinned one; refused", e);
            }
            throw new HostUnreachableException("cannot connect to host " + host.hostId() + ": " + e.getMessage(), e);
        }
        try {
            return work.run(session);
        } catch (JSchException | SftpException | IOException e) {
            throw new HostUnreachableException("SSH/SFTP step on host " + host.hostId() + " failed: " + e.getMessage(), e);
        } finally {
            session.disconnect();
        }
    }

    private record HostKeyRepositoryHolder(com.jcraft.jsch.HostKeyRepository repository) {
    }

    /** Reads the key each time, so a rotated mounted secret is picked up; never logged or echoed. */
    private static byte[] privateKey(PmtaHost host) throws JSchException {
        String ref = host.privateKeyRef();
        if (ref.startsWith("env:")) {
            String value = System.getenv(ref.substring(4));
            if (value == null || value.isBlank()) {
                throw new JSchException("the environment variable named by privateKeyRef is not set");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(Path.of(ref.substring(5)));
        } catch (IOException e) {
            throw new JSchException("the private key file named by privateKeyRef cannot be read");
        }
    }

    private ChannelSftp sftp(Session session) throws JSchException {
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(millis(settings.connectTimeout()));
        return sftp;
    }

    private static String readIfExists(ChannelSftp sftp, String path) throws SftpException, IOException {
        try (InputStream in = sftp.get(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
    }

    /** Atomic replace where the server supports posix-rename; otherwise remove then rename. */
    private static void replace(ChannelSftp sftp, String from, String to) throws SftpException {
        try {
            sftp.rename(from, to);
        } catch (SftpException e) {
            try {
                sftp.rm(to);
            } catch (SftpException missing) {
                if (missing.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    throw missing;
                }
            }
            sftp.rename(from, to);
        }
    }

    record CommandResult(int exit, String output, boolean truncated) {
        boolean ok() {
            return exit == 0;
        }
    }

    private CommandResult exec(Session session, String command) throws JSchException, IOException {
        return exec(session, command, MAX_OUTPUT);
    }

    private CommandResult exec(Session session, String command, int maxOutput) throws JSchException, IOException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        channel.setOutputStream(out);
        channel.setErrStream(out);
        channel.connect(millis(settings.connectTimeout()));
        long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
        try {
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("command '" + command + "' did not finish within " + settings.commandTimeout());
                }
                try {
                    // Polling is JSch's documented way to wait for an exec channel; there is no blocking join.
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for '" + command + "'", e);
                }
            }
            byte[] bytes = out.toByteArray();
            String text = new String(bytes, 0, Math.min(bytes.length, maxOutput), StandardCharsets.UTF_8);
            return new CommandResult(channel.getExitStatus(), text, bytes.length > maxOutput);
        } finally {
            channel.disconnect();
        }
    }

    private static int millis(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}

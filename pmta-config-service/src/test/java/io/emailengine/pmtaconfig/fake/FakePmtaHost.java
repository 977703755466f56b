package io.emailengine.pmtaconfig.fake;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A PowerMTA host for tests: a real SSH/SFTP server (Apache MINA SSHD) over a directory, with a
 * {@code pmta} command that checks the installed include file strictly (balanced blocks, known
 * directives only, errors in PowerMTA's "Error in line N of FILE: ..." style), reloads it and
 * answers {@code pmta --json show vmtas} with the virtual MTAs of the last successful reload. {@code pmta --json
 * show queues} and {@code show status} answer what the test set (by default the PowerMTA simulator's shape with
 * empty queues), so tests can also play hosts whose JSON differs or is broken.
 */
public final class FakePmtaHost implements AutoCloseable {

    /** Directives and blocks of the PowerMTA reference that a generated include may use. */
    private static final Set<String> BLOCKS = Set.of("virtual-mta", "virtual-mta-pool", "domain", "mx-rollup-list",
            "acct-file", "smtp-pattern-list", "source");
    private static final Set<String> DIRECTIVES = Set.of("smtp-source-host", "domain-key", "max-smtp-out", "max-msg-rate",
            "max-msg-per-connection", "virtual-mta", "mx", "records", "record-fields", "move-interval", "max-size",
            "delete-after", "dkim-sign", "retry-after", "bounce-after", "backoff-max-msg-rate", "backoff-retry-after",
            "backoff-to-normal-after", "smtp-pattern-list", "reply");

    private final Path root;
    private final String includePath;
    private final KeyPair hostKey;
    private final String clientFingerprint;
    private SshServer server;
    private int port;
    private final String hostKeyFingerprint;
    private final byte[] clientPrivateKey;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean failTestConfig = new AtomicBoolean();
    private final AtomicBoolean failReload = new AtomicBoolean();
    private final AtomicBoolean hideVmtas = new AtomicBoolean();
    private volatile Set<String> liveVmtas = Set.of();
    private volatile String queuesAnswer = "{\"queues\":[]}";
    private volatile String statusAnswer = "{\"status\":{\"version\":\"5.0r1 (fake)\",\"uptime\":\"0d 00:01:00\","
            + "\"queue\":{\"smtp\":{\"rcp\":0,\"msg\":0,\"kb\":0}},\"conn\":{\"smtpOut\":0},"
            + "\"traffic\":{\"lastHour\":{\"out\":{\"rcp\":0,\"msg\":0}}}}}";

    public FakePmtaHost(String includePath) {
        try {
            this.root = Files.createTempDirectory("fake-pmta");
            this.includePath = includePath;
            Files.createDirectories(local(includePath).getParent());
            Files.createDirectories(root.resolve("etc/pmta/dkim"));
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            this.hostKey = ec.generateKeyPair();
            this.hostKeyFingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
            this.clientPrivateKey = ClientKey.PRIVATE_PEM;
            this.clientFingerprint = ClientKey.FINGERPRINT;
            start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(int fixedPort) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(fixedPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> "pmta".equals(user)
                && clientFingerprint.equals(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key)));
        server.setPasswordAuthenticator(null);
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setCommandFactory((channel, command) -> new PmtaCommand(command));
        server.start();
        port = server.getPort();
    }

    public int port() {
        return port;
    }

    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** Writes the client's private key where a host's {@code privateKeyRef=file:...} can name it. */
    public Path writeClientKey(Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "pmta-key", ".pem");
        Files.write(file, clientPrivateKey);
        return file;
    }

    public Path local(String remotePath) {
        return root.resolve(remotePath.substring(1));
    }

    public String installed() {
        try {
            Path file = local(includePath);
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void install(String content) throws IOException {
        Files.writeString(local(includePath), content);
    }

    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    public Set<String> liveVmtas() {
        return liveVmtas;
    }

    public void failTestConfig(boolean fail) {
        failTestConfig.set(fail);
    }

    public void failReload(boolean fail) {
        failReload.set(fail);
    }

    /** Reload "succeeds" but {@code show vmtas} lists none, as when PowerMTA ignored the include. */
    public void hideVmtas(boolean hide) {
        hideVmtas.set(hide);
    }

    /** What {@code pmta --json show queues} prints from now on (any text: tests play other shapes and broken output). */
    public void answerShowQueues(String output) {
        queuesAnswer = output;
    }

    /** What {@code pmta --json show status} prints from now on. */
    public void answerShowStatus(String output) {
        statusAnswer = output;
    }

    /** Simulates the host going down (connection refused) and coming back on the same port. */
    public void stop() throws IOException {
        server.stop(true);
    }

    public void restart() throws IOException {
        start(port);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** One client key for all fakes of a test run: RSA generation is the slowest part of starting a fake. */
    private static final class ClientKey {
        static final byte[] PRIVATE_PEM;
        static final String FINGERPRINT;

        static {
            try {
                com.jcraft.jsch.KeyPair client = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.RSA, 2048);
                ByteArrayOutputStream pem = new ByteArrayOutputStream();
                client.writePrivateKey(pem);
                PRIVATE_PEM = pem.toByteArray();
                FINGERPRINT = fingerprint(client.getPublicKeyBlob());
            } catch (JSchException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String fingerprint(byte[] blob) throws GeneralSecurityException {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    }

    /** What {@code pmta test config} would say about the include file; null when it is fine. */
    String check(Set<String> vmtas) throws IOException {
        String text = installed();
        if (text == null) {
            return null;
        }
        List<String> stack = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String code = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (code.isEmpty()) {
                continue;
            }
            String where = "Error in line " + (i + 1) + " of " + includePath + ": ";
            if (code.startsWith("</")) {
                String tag = code.substring(2, code.length() - 1);
                if (!code.endsWith(">") || stack.isEmpty() || !stack.remove(stack.size() - 1).equals(tag)) {
                    return where + "unexpected closing tag " + code;
                }
            } else if (code.startsWith("<")) {
                if (!code.endsWith(">")) {
                    return where + "malformed tag";
                }
                String[] parts = code.substring(1, code.length() - 1).trim().split("\\s+");
                if (!BLOCKS.contains(parts[0])) {
                    return where + "unknown section <" + parts[0] + ">";
                }
                if (parts[0].equals("virtual-mta") && stack.isEmpty()) {
                    vmtas.add(parts[1]);
                }
                stack.add(parts[0]);
            } else {
                String keyword = code.split("\\s+")[0];
                if (!DIRECTIVES.contains(keyword)) {
                    return where + "unknown directive '" + keyword + "'";
                }
            }
        }
        return stack.isEmpty() ? null : "Error in line " + lines.length + " of " + includePath + ": missing </"
                + stack.get(stack.size() - 1) + ">";
    }

    private final class PmtaCommand implements Command {
        private final String command;
        private OutputStream out;
        private ExitCallback exit;

        PmtaCommand(String command) {
            this.command = command;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commands.add(command);
            int code;
            String answer;
            try {
                Set<String> vmtas = new TreeSet<>();
                switch (command) {
                    case "pmta test config" -> {
                        String error = failTestConfig.get() ? "Error in line 1 of " + includePath + ": injected failure"
                                : check(vmtas);
                        code = error == null ? 0 : 1;
                        answer = error == null ? "Configuration OK.\n" : error + "\n";
                    }
                    case "pmta reload" -> {
                        String error = failReload.get() ? "Error: reload failed: injected failure" : check(vmtas);
                        if (error == null) {
                            liveVmtas = Set.copyOf(vmtas);
                        }
                        code = error == null ? 0 : 1;
                        answer = error == null ? "Configuration reloaded.\n" : error + "\n";
                    }
                    case "pmta --json show queues" -> {
                        answer = queuesAnswer.endsWith("\n") ? queuesAnswer : queuesAnswer + "\n";
                        code = 0;
                    }
                    case "pmta --json show status" -> {
                        answer = statusAnswer.endsWith("\n") ? statusAnswer : statusAnswer + "\n";
                        code = 0;
                    }
                    case "pmta --json show vmtas" -> {
                        StringBuilder json = new StringBuilder("{\"vmtas\":[");
                        String separator = "";
                        for (String vmta : hideVmtas.get() ? Set.<String>of() : new TreeSet<>(liveVmtas)) {
                            json.append(separator).append("{\"name\":\"").append(vmta).append("\",\"queues\":0}");
                            separator = ",";
                        }
                        answer = json.append("]}\n").toString();
                        code = 0;
                    }
                    default -> {
                        if (command.matches("pmta (pause|resume) queue [a-z0-9.*-]+/[A-Za-z0-9._-]+")) {
                            answer = "OK\n";
                            code = 0;
                            break;
                        }
                        answer = "pmta: unknown command\n";
                        code = 127;
                    }
                }
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                code = 2;
            }
            exit.onExit(code);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}

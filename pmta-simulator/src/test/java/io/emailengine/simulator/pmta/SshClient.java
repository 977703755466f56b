package io.emailengine.simulator.pmta;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The client side as the services do it: JSch, strict pinned host key, public key only (tests and the benchmark). */
public final class SshClient implements AutoCloseable {

    public record Exec(int exit, String output) {
    }

    private final Session session;

    private SshClient(Session session) {
        this.session = session;
    }

    public static SshClient connect(int port, String pinnedFingerprint, Path privateKey) throws Exception {
        return connect(port, pinnedFingerprint, privateKey, "pmta");
    }

    public static SshClient connect(int port, String pinnedFingerprint, Path privateKey, String user) throws Exception {
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new Pinned(pinnedFingerprint));
        jsch.addIdentity("test", Files.readAllBytes(privateKey), null, null);
        Session session = jsch.getSession(user, "127.0.0.1", port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setTimeout(10_000);
        session.connect(10_000);
        return new SshClient(session);
    }

    public Exec exec(String command) throws JSchException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        channel.setOutputStream(out);
        channel.setErrStream(out);
        channel.connect(10_000);
        try {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(1, TimeUnit.MILLISECONDS).until(channel::isClosed);
            return new Exec(channel.getExitStatus(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            channel.disconnect();
        }
    }

    public ChannelSftp sftp() throws JSchException {
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(10_000);
        return sftp;
    }

    @Override
    public void close() {
        session.disconnect();
    }

    /** Same rule as service-kit's PinnedHostKeys: unpadded base64 SHA-256 of the key blob must equal the pin. */
    private record Pinned(String fingerprint) implements HostKeyRepository {
        @Override
        public int check(String host, byte[] key) {
            try {
                String actual = "SHA256:" + Base64.getEncoder().withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(key));
                return actual.equals(fingerprint) ? OK : CHANGED;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "pinned";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }
}

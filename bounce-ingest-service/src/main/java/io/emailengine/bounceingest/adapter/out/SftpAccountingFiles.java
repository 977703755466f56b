package io.emailengine.bounceingest.adapter.out;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import io.emailengine.bounceingest.application.pull.RemoteAccountingFiles;
import io.emailengine.bounceingest.config.BounceIngestProperties;
import io.emailengine.kit.ssh.PinnedHostKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PowerMTA accounting files over SFTP (JSch). The host key must match the pinned SHA-256
 * fingerprint; nothing is ever learnt. Only key authentication; the key file is read per
 * connection and never logged.
 */
public class SftpAccountingFiles implements RemoteAccountingFiles {

    private final Map<String, BounceIngestProperties.PullHost> hosts;
    private final int timeoutMillis;

    public SftpAccountingFiles(List<BounceIngestProperties.PullHost> hosts, java.time.Duration timeout) {
        this.hosts = hosts.stream().collect(Collectors.toMap(BounceIngestProperties.PullHost::name, Function.identity()));
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public Connection connect(String hostName) throws IOException {
        BounceIngestProperties.PullHost host = hosts.get(hostName);
        if (host == null) {
            throw new IllegalArgumentException("no pull host named '" + hostName + "' is configured");
        }
        Pattern pattern = Pattern.compile(host.filePattern());
        Session session = null;
        try {
            JSch jsch = new JSch();
            jsch.setHostKeyRepository(new PinnedHostKeys(host.hostKeyFingerprint(), null));
            jsch.addIdentity("pull-" + host.name(), Files.readAllBytes(Path.of(host.privateKeyFile())), null, null);
            session = jsch.getSession(host.username(), host.address(), host.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setTimeout(timeoutMillis);
            session.connect(timeoutMillis);
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(timeoutMillis);
            return new SftpConnection(session, sftp, host.directory(), pattern);
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            throw new IOException("SFTP connection to pull host " + hostName + " failed: " + e.getMessage(), e);
        }
    }

    private record SftpConnection(Session session, ChannelSftp sftp, String directory, Pattern pattern) implements Connection {

        @Override
        public List<RemoteFile> list() throws IOException {
            List<RemoteFile> files = new ArrayList<>();
            try {
                for (Object item : sftp.ls(directory)) {
                    ChannelSftp.LsEntry entry = (ChannelSftp.LsEntry) item;
                    if (entry.getAttrs().isReg() && pattern.matcher(entry.getFilename()).matches()) {
                        files.add(new RemoteFile(entry.getFilename(), entry.getAttrs().getSize(),
                                Instant.ofEpochSecond(entry.getAttrs().getMTime())));
                    }
                }
            } catch (SftpException e) {
                throw new IOException("cannot list " + directory + ": " + e.getMessage(), e);
            }
            return files;
        }

        @Override
        public InputStream read(String name, long offset) throws IOException {
            if (name.contains("/") || name.equals("..")) {
                throw new IllegalArgumentException("not a plain file name: " + name);
            }
            try {
                return sftp.get(directory + "/" + name, null, offset);
            } catch (SftpException e) {
                throw new IOException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            sftp.disconnect();
            session.disconnect();
        }
    }
}

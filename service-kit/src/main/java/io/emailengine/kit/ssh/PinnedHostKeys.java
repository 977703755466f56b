package io.emailengine.kit.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Strict host-key checking for JSch, shared by every service that speaks SSH to a PowerMTA host:
 * either one pinned SHA-256 fingerprint, or a known_hosts file
 * (delegate). Never adds keys, so an unknown or changed key can only be rejected. Remembers whether
 * it rejected, so the caller can tell a key mismatch (critical, not retried) from a network error.
 */
public final class PinnedHostKeys implements HostKeyRepository {

    private final String pinnedFingerprint;
    private final HostKeyRepository knownHosts;
    private volatile boolean rejected;

    public PinnedHostKeys(String pinnedFingerprint, HostKeyRepository knownHosts) {
        this.pinnedFingerprint = pinnedFingerprint;
        this.knownHosts = knownHosts;
    }

    public boolean rejected() {
        return rejected;
    }

    @Override
    public int check(String host, byte[] key) {
        int verdict;
        if (pinnedFingerprint != null) {
            verdict = MessageDigest.isEqual(fingerprintOf(key).getBytes(StandardCharsets.US_ASCII),
                    pinnedFingerprint.getBytes(StandardCharsets.US_ASCII)) ? OK : CHANGED;
        } else {
            verdict = knownHosts.check(host, key);
        }
        if (verdict != OK) {
            rejected = true;
        }
        return verdict;
    }

    /** OpenSSH's {@code SHA256:} fingerprint: unpadded base64 of the SHA-256 of the key blob. */
    public static String fingerprintOf(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Deliberately never learns keys: pinning is configured, not discovered.
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "email-engine-pinned";
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey(host, type);
    }
}

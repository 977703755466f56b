package io.emailengine.kit.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.HostKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PinnedHostKeysTest {

    private static final byte[] HOST_KEY = "ssh-ed25519 blob of the real host".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "ssh-ed25519 blob of an impostor".getBytes(StandardCharsets.US_ASCII);

    @Test
    void fingerprintIsOpenSshSha256Form() throws Exception {
        String expected = "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(HOST_KEY));
        assertThat(PinnedHostKeys.fingerprintOf(HOST_KEY)).isEqualTo(expected).doesNotEndWith("=");
    }

    @Test
    void acceptsOnlyThePinnedKeyAndRemembersARejection() {
        PinnedHostKeys keys = new PinnedHostKeys(PinnedHostKeys.fingerprintOf(HOST_KEY), null);

        assertThat(keys.check("pmta-1", HOST_KEY)).isEqualTo(HostKeyRepository.OK);
        assertThat(keys.rejected()).isFalse();
        assertThat(keys.check("pmta-1", OTHER_KEY)).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(keys.rejected()).isTrue();
    }

    @Test
    void neverLearnsAKeyItWasOffered() {
        PinnedHostKeys keys = new PinnedHostKeys(PinnedHostKeys.fingerprintOf(HOST_KEY), null);
        keys.add(null, null);
        assertThat(keys.getHostKey()).isEmpty();
        assertThat(keys.check("pmta-1", OTHER_KEY)).isEqualTo(HostKeyRepository.CHANGED);
    }
}

package io.emailengine.simulator.pmta;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The sandbox's SSH client key: an ECDSA P-256 key pair whose private key is written in OpenSSH format (readable by
 * JSch, so by pmta-config-service's {@code privateKeyRef=file:...} and bounce-ingest's {@code privateKeyFile}); the
 * public key goes into {@link PmtaSimulatorOptions#authorizedKeys()}.
 */
public final class ClientKeys {

    private ClientKeys() {
    }

    /** Generates a key pair and writes the private key to {@code privateKeyFile} (mode 0600 where supported). */
    public static KeyPair generate(Path privateKeyFile) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Path parent = privateKeyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(privateKeyFile);
            Files.createFile(privateKeyFile);
            try {
                Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX filesystem: the key is still written, readable per the platform's defaults
            }
            try (OutputStream out = Files.newOutputStream(privateKeyFile, StandardOpenOption.TRUNCATE_EXISTING)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "email-engine-sandbox", null, out);
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SSH client key " + privateKeyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an SSH client key", e);
        }
    }
}

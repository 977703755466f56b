package io.emailengine.warmup.dns;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Real DKIM public keys for tests. */
public final class TestDkimKeys {

    private TestDkimKeys() {
    }

    /** A fresh RSA-2048 SubjectPublicKeyInfo in base64, as pmta-config-service generates it (the TXT record's p= value). */
    public static String rsaPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.emailengine.pmtaconfig.domain;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An RSA-2048 DKIM key for one (domain, selector): the private key as PKCS#8 PEM (what PowerMTA's
 * {@code domain-key} file holds) and the public key as the DNS TXT value.
 */
public record DkimKeyPair(String domain, String selector, byte[] privateKeyPem, String publicKeyBase64) {

    public DkimKeyPair {
        domain = ConfigValues.domain("domain", domain);
        selector = ConfigValues.token("selector", selector);
    }

    public static DkimKeyPair generate(String domain, String selector) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new DkimKeyPair(domain, selector, pem.getBytes(StandardCharsets.US_ASCII),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide RSA", e);
        }
    }

    /** {@code selector._domainkey.domain}. */
    public String dnsName() {
        return dnsName(selector, domain);
    }

    public static String dnsName(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record value {@code v=DKIM1; k=rsa; p=...}. */
    public static String txtValue(String publicKeyBase64) {
        return "v=DKIM1; k=rsa; p=" + publicKeyBase64;
    }

    /** DNS character-strings hold at most 255 bytes, so a 2048-bit key's record is split into several. */
    public static List<String> txtStrings(String publicKeyBase64) {
        String value = txtValue(publicKeyBase64);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            parts.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        return List.copyOf(parts);
    }

    public String keyFileName() {
        return selector + "." + domain + ".pem";
    }
}

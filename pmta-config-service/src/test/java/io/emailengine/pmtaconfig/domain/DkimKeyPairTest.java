package io.emailengine.pmtaconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeyPairTest {

    @Test
    void generatesA2048BitRsaKeyAsPkcs8PemWithItsTxtRecordSplitInto255CharacterStrings() throws Exception {
        DkimKeyPair key = DkimKeyPair.generate("Mail1.Example.com", "s2026");

        String pem = new String(key.privateKeyPem(), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        RSAPrivateCrtKey parsed = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(parsed.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.dnsName()).isEqualTo("s2026._domainkey.mail1.example.com");
        assertThat(key.keyFileName()).isEqualTo("s2026.mail1.example.com.pem");
        var strings = DkimKeyPair.txtStrings(key.publicKeyBase64());
        assertThat(strings).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", strings)).isEqualTo("v=DKIM1; k=rsa; p=" + key.publicKeyBase64());
    }
}

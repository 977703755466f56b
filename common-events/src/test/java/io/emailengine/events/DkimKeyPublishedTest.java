package io.emailengine.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DkimKeyPublishedTest {

    private static final String KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv3hIqE8f";

    private final EventJson json = new EventJson();

    @Test
    void goldenSampleCarriesThePValueOfTheTxtRecordAndItsStatus() {
        DkimKeyPublished key = (DkimKeyPublished) json.read(Golden.json(EventType.DKIM_KEY_PUBLISHED)).payload();

        assertThat(key.dnsName()).isEqualTo("s2026._domainkey.example.com");
        assertThat(key.publicKey()).startsWith("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA").endsWith("IDAQAB");
        assertThat(key.status()).isEqualTo(DkimKeyStatus.ACTIVE);
    }

    @Test
    void retiredStatusIsLowercaseOnTheWire() {
        String retired = JsonEdits.with(EventType.DKIM_KEY_PUBLISHED, "payload.status", "retired");

        EventEnvelope<?> event = json.read(retired);

        assertThat(((DkimKeyPublished) event.payload()).status()).isEqualTo(DkimKeyStatus.RETIRED);
        assertThat(json.write(event)).contains("\"status\":\"retired\"");
    }

    @Test
    void publicKeyWithWhitespaceOrTxtTagsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new DkimKeyPublished("example.com", "s1", "v=DKIM1; k=rsa; p=" + KEY, DkimKeyStatus.ACTIVE))
                .hasMessageContaining("DkimKeyPublished.publicKey");
        assertThatThrownBy(() -> new DkimKeyPublished("example.com", "s1", KEY.substring(0, 20) + " " + KEY.substring(20),
                DkimKeyStatus.ACTIVE))
                .hasMessageContaining("DkimKeyPublished.publicKey");
    }

    @Test
    void badlyPaddedBase64IsRefused() {
        assertThatThrownBy(() -> new DkimKeyPublished("example.com", "s1", KEY + "A=", DkimKeyStatus.ACTIVE))
                .hasMessageContaining("DkimKeyPublished.publicKey is not valid base64");
    }

    @Test
    void selectorAndDomainAreWhitelisted() {
        assertThatThrownBy(() -> new DkimKeyPublished("example.com", "s1;x", KEY, DkimKeyStatus.ACTIVE))
                .hasMessageContaining("DkimKeyPublished.selector");
        assertThatThrownBy(() -> new DkimKeyPublished("localhost", "s1", KEY, DkimKeyStatus.ACTIVE))
                .hasMessageContaining("DkimKeyPublished.domain");
    }
}

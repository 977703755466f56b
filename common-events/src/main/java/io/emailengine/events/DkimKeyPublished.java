package io.emailengine.events;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The DKIM public key the engine generated for one (domain, selector), and whether it is still in
 * use. Lets other services check that DNS carries exactly this key at
 * {@code selector._domainkey.domain} (the TXT record's {@code p=} value) without sharing a database.
 *
 * @param publicKey base64 (standard alphabet, padded, no whitespace) of the DER SubjectPublicKeyInfo,
 *                  i.e. the {@code p=} value of the TXT record
 */
public record DkimKeyPublished(
        String domain,
        String selector,
        String publicKey,
        DkimKeyStatus status) implements EventPayload {

    /** Standard base64, padded; 4096-bit RSA keys stay well under the bound. */
    static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,4096}={0,2}");

    public DkimKeyPublished {
        Fields.matching(domain, Fields.HOSTNAME, "DkimKeyPublished.domain");
        Fields.matching(selector, Fields.TOKEN, "DkimKeyPublished.selector");
        Fields.matching(publicKey, BASE64, "DkimKeyPublished.publicKey");
        try {
            Base64.getDecoder().decode(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DkimKeyPublished.publicKey is not valid base64: " + e.getMessage());
        }
        Fields.required(status, "DkimKeyPublished.status");
    }

    /** The DNS name of the key's TXT record. */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** Keyed by DNS name: the events of one key (published, retired) stay in order. */
    @Override
    public String partitionKey() {
        return dnsName();
    }
}

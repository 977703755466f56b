package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.DkimKeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: DKIM keys; implementations keep the private key encrypted at rest. */
public interface DkimKeyStore {

    /**
     * @param tenant the tenant the key is for, or null for a shared domain
     * @return false if a key for (domain, selector) already exists (it is never overwritten)
     */
    boolean insert(DkimKeyPair key, String tenant, Instant now);

    Optional<DkimKeyPair> find(String domain, String selector);

    List<PublishedKey> forDomain(String domain);

    boolean retire(String domain, String selector, Instant now);

    /** Every stored key (public parts only), oldest first. */
    List<PublishedKey> all();

    /** @param tenant null for a key of a shared domain */
    record PublishedKey(String domain, String selector, String publicKeyBase64, Instant createdAt, Instant retiredAt,
                        String tenant) {
    }
}

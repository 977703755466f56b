package io.emailengine.pmtaconfig.application;

import io.emailengine.pmtaconfig.domain.ConfigValues;
import io.emailengine.pmtaconfig.domain.DkimKeyPair;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Use case: DKIM keys per (domain, selector). Rotation is a new selector: the old key stays stored
 * and published until the operator retires it, so mail signed with it in flight still verifies.
 */
@Service
public class DkimKeys {

    /** Owner read/write only: PowerMTA reads the key as its own user, nobody else should. */
    public static final int PRIVATE_KEY_MODE = 0600;

    private final DkimKeyStore store;
    private final HostStore hosts;
    private final PmtaHostClient client;
    private final Clock clock;

    public DkimKeys(DkimKeyStore store, HostStore hosts, PmtaHostClient client, Clock clock) {
        this.store = store;
        this.hosts = hosts;
        this.client = client;
        this.clock = clock;
    }

    public DkimKeyStore.PublishedKey generate(String domain, String selector) {
        DkimKeyPair key = DkimKeyPair.generate(domain, selector);
        if (!store.insert(key, clock.instant())) {
            throw new KeyExistsException(key.domain(), key.selector());
        }
        return published(key.domain(), key.selector());
    }

    public DkimKeyStore.PublishedKey published(String domain, String selector) {
        String d = ConfigValues.domain("domain", domain);
        String s = ConfigValues.token("selector", selector);
        return store.forDomain(d).stream().filter(k -> k.selector().equals(s)).findFirst()
                .orElseThrow(() -> new NoSuchKeyException(d, s));
    }

    public List<DkimKeyStore.PublishedKey> forDomain(String domain) {
        return store.forDomain(ConfigValues.domain("domain", domain));
    }

    public void retire(String domain, String selector) {
        if (!store.retire(ConfigValues.domain("domain", domain), ConfigValues.token("selector", selector), clock.instant())) {
            throw new NoSuchKeyException(domain, selector);
        }
    }

    /** Uploads the private key to the host's DKIM directory as {@code <selector>.<domain>.pem}, mode 0600. */
    public String uploadTo(String hostId, String domain, String selector) {
        PmtaHost host = hosts.find(hostId).orElseThrow(() -> new Deployments.UnknownHostException(hostId));
        DkimKeyPair key = store.find(ConfigValues.domain("domain", domain), ConfigValues.token("selector", selector))
                .orElseThrow(() -> new NoSuchKeyException(domain, selector));
        String path = host.dkimKeyDir() + "/" + key.keyFileName();
        client.upload(host, path, key.privateKeyPem(), PRIVATE_KEY_MODE);
        return path;
    }

    public static class KeyExistsException extends RuntimeException {
        public KeyExistsException(String domain, String selector) {
            super("a DKIM key for selector '" + selector + "' of " + domain + " exists already; rotate to a new selector");
        }
    }

    public static class NoSuchKeyException extends RuntimeException {
        public NoSuchKeyException(String domain, String selector) {
            super("no DKIM key for selector '" + safe(selector) + "' of " + safe(domain));
        }

        /** Path variables are echoed, so anything outside the name alphabet is masked. */
        private static String safe(String value) {
            return value == null ? "" : value.replaceAll("[^A-Za-z0-9._-]", "?");
        }
    }
}

package io.emailengine.pmtaconfig.application;

import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.DkimKeyStatus;
import io.emailengine.events.EventEnvelope;
import io.emailengine.events.types.TenantId;
import io.emailengine.kit.outbox.OutboxPublisher;
import io.emailengine.pmtaconfig.domain.ConfigValues;
import io.emailengine.pmtaconfig.domain.DkimKeyPair;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case: DKIM keys per (domain, selector). Rotation is a new selector: the old key stays stored
 * and published until the operator retires it, so mail signed with it in flight still verifies.
 * Every key change publishes {@link DkimKeyPublished} in the same transaction, so warmup-service's DNS
 * readiness check can tell a TXT record carrying another key from the one generated here.
 */
@Service
public class DkimKeys {

    /** Owner read/write only: PowerMTA reads the key as its own user, nobody else should. */
    public static final int PRIVATE_KEY_MODE = 0600;

    private final DkimKeyStore store;
    private final HostStore hosts;
    private final PmtaHostClient client;
    private final OutboxPublisher outbox;
    private final Clock clock;

    public DkimKeys(DkimKeyStore store, HostStore hosts, PmtaHostClient client, OutboxPublisher outbox, Clock clock) {
        this.store = store;
        this.hosts = hosts;
        this.client = client;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param tenant the tenant the key is for; null or blank for a shared domain */
    @Transactional
    public DkimKeyStore.PublishedKey generate(String domain, String selector, String tenant) {
        TenantId owner = tenant == null || tenant.isBlank() ? null : new TenantId(tenant);
        DkimKeyPair key = DkimKeyPair.generate(domain, selector);
        if (!store.insert(key, owner == null ? null : owner.value(), clock.instant())) {
            throw new KeyExistsException(key.domain(), key.selector());
        }
        DkimKeyStore.PublishedKey published = published(key.domain(), key.selector());
        announce(published, DkimKeyStatus.ACTIVE);
        return published;
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

    /** Retiring again restates the retirement: consumers upsert, so the repeat changes nothing. */
    @Transactional
    public DkimKeyStore.PublishedKey retire(String domain, String selector) {
        if (!store.retire(ConfigValues.domain("domain", domain), ConfigValues.token("selector", selector), clock.instant())) {
            throw new NoSuchKeyException(domain, selector);
        }
        DkimKeyStore.PublishedKey retired = published(domain, selector);
        announce(retired, DkimKeyStatus.RETIRED);
        return retired;
    }

    /**
     * Publishes the current state of every stored key again, e.g. for keys generated before the event existed
     * or after a consumer lost its copy. Consumers upsert, so repeating it changes nothing.
     *
     * @return how many keys were announced
     */
    @Transactional
    public int announceAll() {
        List<DkimKeyStore.PublishedKey> all = store.all();
        all.forEach(key -> announce(key, key.retiredAt() == null ? DkimKeyStatus.ACTIVE : DkimKeyStatus.RETIRED));
        return all.size();
    }

    private void announce(DkimKeyStore.PublishedKey key, DkimKeyStatus status) {
        outbox.publish(EventEnvelope.of(new DkimKeyPublished(key.domain(), key.selector(), key.publicKeyBase64(), status),
                key.tenant() == null ? null : new TenantId(key.tenant()), DeploymentAlerts.SOURCE, clock));
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

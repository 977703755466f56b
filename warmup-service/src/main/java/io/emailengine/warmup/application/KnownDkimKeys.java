package io.emailengine.warmup.application;

import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.DkimKeyStatus;
import io.emailengine.events.types.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Port: the DKIM keys pmta-config-service generated, latest state per (domain, selector). */
public interface KnownDkimKeys {

    /** Nothing known: the DNS check then only asks that a key exists. */
    KnownDkimKeys NONE = new KnownDkimKeys() {
        @Override
        public void record(DkimKeyPublished key, TenantId tenant, Instant occurredAt, UUID eventId) {
            throw new UnsupportedOperationException("no key store");
        }

        @Override
        public Optional<KnownKey> find(String domain, String selector) {
            return Optional.empty();
        }
    };

    /** Upsert; an older event than the stored one changes nothing (events of one key share a partition, but replays exist). */
    void record(DkimKeyPublished key, TenantId tenant, Instant occurredAt, UUID eventId);

    Optional<KnownKey> find(String domain, String selector);

    record KnownKey(String domain, String selector, String publicKey, DkimKeyStatus status) {
    }
}

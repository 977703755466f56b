package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: silences. */
public interface SilenceStore {

    void save(Silence silence, Instant now);

    Optional<Silence> find(UUID id);

    /** A tenant's silences (null: system silences), newest first. */
    List<Silence> list(String tenant, int limit);

    /** Silences of a tenant (null: system) not yet expired at {@code now}. */
    List<Silence> notExpired(String tenant, Instant now);
}

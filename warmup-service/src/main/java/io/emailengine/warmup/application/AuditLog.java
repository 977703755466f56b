package io.emailengine.warmup.application;

import io.emailengine.events.types.TenantId;
import java.time.Instant;
import java.util.List;

/** Port: who (API key name) did what to which subject, when. */
public interface AuditLog {

    void record(Entry entry);

    List<Entry> list(TenantId tenant, int limit);

    record Entry(Instant at, String actor, TenantId tenant, String action, String subject, String details) {
    }
}

package io.emailengine.warmup.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.Decision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: the decision log. One decision id per IP evaluation; one entry per provider it changed. */
public interface DecisionLog {

    void append(List<Entry> entries);

    /** Newest first. */
    List<Entry> history(TenantId tenant, SendingIp ip, int limit);

    record Entry(UUID decisionId, TenantId tenant, SendingIp ip, Instant decidedAt, String cause, Decision decision) {
    }
}

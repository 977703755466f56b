package io.emailengine.warmup.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.domain.ProviderWarmup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: per IP × provider warmup state, and the statistics the rules read. */
public interface WarmupStateStore {

    /**
     * Every warming IP not yet evaluated for {@code tickTime}, with the statistics of its providers:
     * the last {@code period} before the tick, the current warmup day, the signals of the last period
     * (only those attributed to the IP's own tenant).
     */
    List<IpWarmup> dueForTick(Instant tickTime, Duration period);

    /**
     * Call first in a tick's transaction: waits for immediate signal reactions in flight and keeps new
     * ones waiting until the tick commits, so neither overwrites a state the other just changed.
     */
    void lockForTick();

    /**
     * Every provider state of one IP, locked for an immediate signal reaction in the caller's transaction
     * (after a running tick committed; other reactions to the same IP wait).
     */
    List<ProviderWarmup> statesForSignalReaction(SendingIp ip);

    List<ProviderWarmup> states(SendingIp ip);

    /** Inserts or replaces the states of one IP. */
    void save(TenantId tenant, SendingIp ip, List<ProviderWarmup> states, UUID lastDecision, Instant now);

    /** Batch form for a tick: all changed states at once. */
    void saveAll(List<SavedState> states, Instant now);

    void delete(SendingIp ip);

    /** Every state of every warming IP, for the per-IP gauges. */
    List<SavedState> allWarming();

    /** Marks every IP of this tick evaluated, so that a second tick for the same time changes nothing. */
    void markTicked(List<SendingIp> ips, Instant tickTime);

    record SavedState(TenantId tenant, SendingIp ip, ProviderWarmup state, UUID lastDecision) {
    }
}

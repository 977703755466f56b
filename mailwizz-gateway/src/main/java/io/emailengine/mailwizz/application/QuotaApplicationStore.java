package io.emailengine.mailwizz.application;

import io.emailengine.events.types.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: desired quotas with their application state, and the IP / virtual MTA → delivery server mapping. */
public interface QuotaApplicationStore {

    /** One desired quota as claimed for applying; {@code changedAt} identifies the version. */
    record DesiredQuota(TenantId tenant, String ip, String vmta, long daily, long hourly, Instant changedAt, String state,
                        int attempts, String alertedProblem, Long serverId) {
    }

    record Mapping(TenantId tenant, String subject, long serverId, String source, Instant mappedAt) {
    }

    /** What a tenant (or operator) sees of one IP's quota on its way into MailWizz. */
    record QuotaState(String ip, String vmta, long desiredDaily, long desiredHourly, String state, Long serverId, Long appliedDaily,
                      Long appliedHourly, Instant appliedAt, String lastError) {
    }

    List<QuotaState> states(TenantId tenant);

    /** Only one replica applies at a time: a transaction-scoped advisory lock. */
    boolean tryLead();

    List<DesiredQuota> due(Instant now, int limit);

    List<DesiredQuota> inState(String state, int limit);

    Optional<Long> mappedServer(TenantId tenant, String ip, String vmta);

    /** Mapped servers of many subjects of one tenant at once: subject (IP or virtual MTA name) → server id. */
    java.util.Map<String, Long> mappedServers(TenantId tenant, java.util.Collection<String> subjects);

    /** {@link #markApplied} for a batch, in one round trip. */
    void markAllApplied(java.util.Map<DesiredQuota, Long> serverOfQuota, Instant now);

    /** The IPs and virtual MTA names the tenant has desired quotas for. */
    java.util.Set<String> knownSubjects(TenantId tenant);

    /** Saves a mapping and queues the desired quotas of that subject for applying again. */
    void saveMapping(TenantId tenant, String subject, long serverId, String source, Instant now);

    List<Mapping> mappings(TenantId tenant);

    /** @return false when a newer desired quota replaced this version meanwhile (it stays pending). */
    boolean markApplied(DesiredQuota quota, long serverId, Instant now);

    void markProblem(DesiredQuota quota, String state, Long serverId, String error, String alertedProblem);

    void markRetry(DesiredQuota quota, Instant nextAttempt, String error);

    /** Queues quotas held back by a problem (unmapped, warmup conflict, ...) for another attempt. */
    int requeueProblems();

    long countInState(String state);
}

package io.emailengine.mailwizz.application;

import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.domain.DeliveryServerQuota;
import io.emailengine.mailwizz.domain.QuotaWrite;
import java.util.List;
import java.util.Optional;

/**
 * Port: the {@code {prefix}delivery_server} table in a tenant's MailWizz database — the only place
 * delivery-server quotas can be written. Failures to reach the database throw
 * {@link MailwizzDatabaseUnavailableException}.
 */
public interface MailwizzDatabase {

    boolean hasDatabase(TenantId tenant);

    Optional<DeliveryServerQuota> read(TenantId tenant, long serverId);

    /**
     * In one transaction: lock the row, decide with {@link QuotaWrite#decide}, and when the decision is
     * {@link QuotaWrite#WRITE} update {@code hourly_quota} and {@code daily_quota} of that row only.
     */
    QuotaWrite writeQuota(TenantId tenant, long serverId, long hourly, long daily);

    /** The desired hourly and daily quota of one delivery server. */
    record QuotaTarget(long serverId, long hourly, long daily) {
    }

    /**
     * Several servers in ONE transaction (one commit for a whole batch): each row is locked, decided with
     * {@link QuotaWrite#decide} and, when {@link QuotaWrite#WRITE}, only its two quota columns are updated.
     * Server ids must be distinct.
     *
     * @return the decision per server id
     */
    java.util.Map<Long, QuotaWrite> writeQuotas(TenantId tenant, List<QuotaTarget> targets);

    /** Servers whose hostname or name is one of the given names (an IP or a virtual MTA name). */
    List<Long> serversNamed(TenantId tenant, List<String> names);
}

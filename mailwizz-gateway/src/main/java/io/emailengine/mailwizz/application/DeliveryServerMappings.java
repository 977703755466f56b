package io.emailengine.mailwizz.application;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.mailwizz.application.MailwizzApi.DeliveryServerInfo;
import io.emailengine.mailwizz.application.QuotaApplicationStore.Mapping;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case: which MailWizz delivery server sends for an IP or virtual MTA. Mappings come from
 * configuration, from an operator, or from discovery by name; a new mapping re-queues the subject's
 * desired quota, so an unmapped IP is applied as soon as it is mapped.
 */
public class DeliveryServerMappings {

    private final QuotaApplicationStore store;
    private final MailwizzApi api;
    private final Clock clock;

    public DeliveryServerMappings(QuotaApplicationStore store, MailwizzApi api, Clock clock) {
        this.store = store;
        this.api = api;
        this.clock = clock;
    }

    /** @param subject a sending IP or a virtual MTA name, validated before it is stored */
    @Transactional
    public Mapping map(TenantId tenant, String subject, long serverId, String source) {
        String normalised = normalise(subject);
        if (serverId <= 0) {
            throw new IllegalArgumentException("serverId must be a positive MailWizz delivery server id");
        }
        store.saveMapping(tenant, normalised, serverId, source, clock.instant());
        return new Mapping(tenant, normalised, serverId, source, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<Mapping> mappings(TenantId tenant) {
        return store.mappings(tenant);
    }

    /** The tenant's desired quotas and how far each got into MailWizz. */
    @Transactional(readOnly = true)
    public List<QuotaApplicationStore.QuotaState> quotaStates(TenantId tenant) {
        return store.states(tenant);
    }

    /**
     * Discovery through the API ({@code GET /delivery-servers}): each server whose hostname or name is a
     * sending IP, or the virtual MTA name of a desired quota of the tenant, unambiguous among the
     * customer's servers, is mapped. (A hostname like {@code smtp.example.com} is a valid virtual MTA
     * name too, so names that are not IPs are mapped only when the gateway knows them.)
     *
     * @return the mappings made
     */
    @Transactional
    public List<Mapping> discoverViaApi(TenantId tenant) {
        java.util.Set<String> known = store.knownSubjects(tenant);
        Map<String, Long> byName = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (DeliveryServerInfo server : api.deliveryServers(tenant)) {
            for (String name : new String[] {server.hostname(), server.name()}) {
                if (name != null && (isIp(name) || known.contains(name))) {
                    byName.put(name, server.serverId());
                    seen.merge(name, 1, Integer::sum);
                }
            }
        }
        return byName.entrySet().stream()
                .filter(entry -> seen.get(entry.getKey()) == 1)
                .map(entry -> map(tenant, entry.getKey(), entry.getValue(), "discovered"))
                .toList();
    }

    static String normalise(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must be a sending IP or a virtual MTA name");
        }
        try {
            return SendingIp.of(subject.trim()).value();
        } catch (RuntimeException notAnIp) {
            return VirtualMtaName.of(subject.trim()).value();
        }
    }

    private static boolean isIp(String name) {
        try {
            SendingIp.of(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

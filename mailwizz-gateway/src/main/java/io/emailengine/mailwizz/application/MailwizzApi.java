package io.emailengine.mailwizz.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailengine.events.types.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the MailWizz API of a tenant's MailWizz customer, called with that tenant's own key. Failures
 * surface as {@link MailwizzCallException}; transient ones were already retried with backoff.
 */
public interface MailwizzApi {

    boolean knowsTenant(TenantId tenant);

    /** The delivery log of one sent email; empty when MailWizz answers 404. */
    Optional<DeliveryLog> deliveryLogByMessageId(TenantId tenant, String messageId);

    /** Posts a hard campaign bounce; a duplicate (422) counts as done. */
    BounceOutcome postHardBounce(TenantId tenant, String campaignUid, String subscriberUid, String message);

    /** Unsubscribes the address from every list of the customer; false when MailWizz knows no such subscriber (404). */
    boolean unsubscribeFromAllLists(TenantId tenant, String email);

    /** Blacklists the address in every list it is in (MailWizz has no blacklist endpoint); returns how many. */
    int blacklistEverywhere(TenantId tenant, String email);

    /** The customer's delivery servers (read only in the API). */
    List<DeliveryServerInfo> deliveryServers(TenantId tenant);

    /** Facade: a GET of an allowed resource, returning MailWizz's {@code data}. */
    JsonNode get(TenantId tenant, String template, List<String> pathValues, Map<String, ?> query);

    /** Facade: a POST/PUT/DELETE with a form body, returning MailWizz's whole success envelope. */
    JsonNode send(TenantId tenant, String method, String template, List<String> pathValues, Map<String, ?> body);

    /** @param email the subscriber's address when MailWizz includes it, else null */
    record DeliveryLog(String campaignUid, String subscriberUid, String email) {
    }

    record DeliveryServerInfo(long serverId, String name, String hostname, String status) {
    }

    enum BounceOutcome { CREATED, DUPLICATE }
}

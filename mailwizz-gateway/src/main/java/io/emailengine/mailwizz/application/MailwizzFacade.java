package io.emailengine.mailwizz.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailengine.events.types.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Use case: the MailWizz operations the seed's API offered its clients, each made with the calling
 * tenant's own MailWizz customer key — a tenant can only ever reach its own lists, campaigns and
 * templates. Every value is whitelisted before it becomes part of a MailWizz path or form.
 */
public class MailwizzFacade {

    /** MailWizz uids are 13 lowercase alphanumerics; allow a little more, never a slash or a dot. */
    static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** List field tags: EMAIL, FNAME, CUSTOM_1, ... */
    static final Pattern FIELD_TAG = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");
    static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]{1,64}@[^\\s@<>\"]{1,255}");
    static final List<String> SUBSCRIBER_STATUSES = List.of("confirmed", "unconfirmed", "unsubscribed", "blacklisted");

    private final MailwizzApi api;

    public MailwizzFacade(MailwizzApi api) {
        this.api = api;
    }

    public JsonNode lists(TenantId tenant, int page, int perPage) {
        return api.get(connected(tenant), "/lists", List.of(), paging(page, perPage));
    }

    public JsonNode list(TenantId tenant, String listUid) {
        return api.get(connected(tenant), "/lists/{list_uid}", List.of(uid(listUid, "listUid")), Map.of());
    }

    /** Subscribes an address with custom fields; MailWizz answers 409 when it already exists. */
    public JsonNode subscribe(TenantId tenant, String listUid, String email, Map<String, String> fields, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("EMAIL", email(email));
        if (fields != null) {
            fields.forEach((tag, value) -> {
                if (tag == null || !FIELD_TAG.matcher(tag).matches() || "EMAIL".equals(tag)) {
                    throw new IllegalArgumentException("fields: '" + tag + "' is not a MailWizz field tag (" + FIELD_TAG.pattern() + ")");
                }
                if (value != null && value.length() > 255) {
                    throw new IllegalArgumentException("fields." + tag + ": at most 255 characters");
                }
                body.put(tag, value);
            });
        }
        if (status != null) {
            if (!SUBSCRIBER_STATUSES.contains(status)) {
                throw new IllegalArgumentException("status must be one of " + SUBSCRIBER_STATUSES);
            }
            body.put("details", Map.of("status", status));
        }
        return api.send(connected(tenant), "POST", "/lists/{list_uid}/subscribers", List.of(uid(listUid, "listUid")), body);
    }

    public JsonNode searchByEmail(TenantId tenant, String listUid, String email) {
        return api.get(connected(tenant), "/lists/{list_uid}/subscribers/search-by-email", List.of(uid(listUid, "listUid")),
                Map.of("EMAIL", email(email)));
    }

    public JsonNode unsubscribe(TenantId tenant, String listUid, String subscriberUid) {
        return api.send(connected(tenant), "PUT", "/lists/{list_uid}/subscribers/{subscriber_uid}/unsubscribe",
                List.of(uid(listUid, "listUid"), uid(subscriberUid, "subscriberUid")), Map.of());
    }

    public JsonNode campaigns(TenantId tenant, int page, int perPage) {
        return api.get(connected(tenant), "/campaigns", List.of(), paging(page, perPage));
    }

    public JsonNode campaign(TenantId tenant, String campaignUid) {
        return api.get(connected(tenant), "/campaigns/{campaign_uid}", List.of(uid(campaignUid, "campaignUid")), Map.of());
    }

    public JsonNode campaignStats(TenantId tenant, String campaignUid) {
        return api.get(connected(tenant), "/campaigns/{campaign_uid}/stats", List.of(uid(campaignUid, "campaignUid")), Map.of());
    }

    public JsonNode pauseUnpause(TenantId tenant, String campaignUid) {
        return api.send(connected(tenant), "PUT", "/campaigns/{campaign_uid}/pause-unpause", List.of(uid(campaignUid, "campaignUid")),
                Map.of());
    }

    public JsonNode templates(TenantId tenant, int page, int perPage) {
        return api.get(connected(tenant), "/templates", List.of(), paging(page, perPage));
    }

    public JsonNode createTemplate(TenantId tenant, String name, String content) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("name: required, at most 255 characters");
        }
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content: required");
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", name);
        template.put("content", content);
        return api.send(connected(tenant), "POST", "/templates", List.of(), Map.of("template", template));
    }

    private TenantId connected(TenantId tenant) {
        if (!api.knowsTenant(tenant)) {
            throw new IllegalArgumentException("tenant " + tenant.value() + " has no MailWizz connection configured");
        }
        return tenant;
    }

    private static Map<String, Object> paging(int page, int perPage) {
        if (page < 1) {
            throw new IllegalArgumentException("page: must be at least 1");
        }
        if (perPage < 10 || perPage > 1000) {
            throw new IllegalArgumentException("perPage: must be between 10 and 1000 (MailWizz's limits)");
        }
        return Map.of("page", page, "per_page", perPage);
    }

    private static String uid(String value, String what) {
        if (value == null || !UID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": must match " + UID.pattern());
        }
        return value;
    }

    private static String email(String value) {
        if (value == null || value.length() > 320 || !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("email: not an email address");
        }
        return value;
    }
}

package io.emailengine.simulator.mailwizz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MailWizz API subset the gateway uses, answered from the {@code mailwizz} database: paths relative to
 * {@code /api/index.php}, MailWizz's envelopes, status codes and error texts. A customer sees only its own lists,
 * subscribers, campaigns, templates and delivery servers; anything else is 404.
 */
final class ApiRoutes {

    /** One authenticated request; {@code segments} are the percent-decoded path segments. */
    record Request(String method, List<String> segments, Map<String, Object> query, Map<String, Object> body, ApiCredentials key) {
        long customerId() {
            return key.customerId();
        }
    }

    private static final Set<String> SUBSCRIBER_STATUSES = Set.of("confirmed", "unconfirmed", "unsubscribed", "blacklisted");
    private static final Set<String> BOUNCE_TYPES = Set.of("hard", "soft", "internal");

    private final Db db;
    private final MailwizzData data;

    ApiRoutes(Db db, MailwizzData data) {
        this.db = db;
        this.data = data;
    }

    Answer handle(Request request) {
        try {
            return db.tx(() -> route(request));
        } catch (Answer.Stop stop) {
            return stop.answer;
        }
    }

    private Answer route(Request r) throws SQLException {
        List<String> s = r.segments();
        String m = r.method();
        int n = s.size();
        if (n == 0) {
            return Answer.notFound("The requested page does not exist.");
        }
        switch (s.get(0)) {
            case "lists" -> {
                if (n == 1) {
                    return only(m, "GET") ? lists(r) : verb();
                }
                if (n == 3 && s.get(1).equals("subscribers") && s.get(2).equals("search-by-email-in-all-lists")) {
                    return only(m, "GET") ? searchAllLists(r) : verb();
                }
                if (n == 3 && s.get(1).equals("subscribers") && s.get(2).equals("unsubscribe-by-email-from-all-lists")) {
                    return only(m, "PUT") ? unsubscribeFromAllLists(r) : verb();
                }
                Map<String, Object> list = requireList(r, s.get(1));
                if (n == 2) {
                    return only(m, "GET") ? Answer.success(200, record(listJson(list))) : verb();
                }
                if (!s.get(2).equals("subscribers")) {
                    break;
                }
                if (n == 3) {
                    return switch (m) {
                        case "GET" -> subscribers(r, list);
                        case "POST" -> createSubscriber(r, list);
                        default -> verb();
                    };
                }
                if (n == 4 && s.get(3).equals("search-by-email")) {
                    return only(m, "GET") ? searchByEmail(r, list) : verb();
                }
                Map<String, Object> subscriber = data.subscriber(id(list, "list_id"), s.get(3));
                if (subscriber == null) {
                    return Answer.notFound("The subscriber does not exist.");
                }
                if (n == 4) {
                    return switch (m) {
                        case "GET" -> Answer.success(200, record(subscriberJson(list, subscriber)));
                        case "PUT" -> updateSubscriber(r, list, subscriber);
                        default -> verb();
                    };
                }
                if (n == 5 && s.get(4).equals("unsubscribe")) {
                    return only(m, "PUT") ? unsubscribe(r, list, subscriber) : verb();
                }
            }
            case "campaigns" -> {
                if (n == 1) {
                    return only(m, "GET") ? campaigns(r) : verb();
                }
                if (n == 4 && s.get(1).equals("delivery-logs") && s.get(2).equals("email-message-id")) {
                    return only(m, "GET") ? deliveryLog(r, s.get(3)) : verb();
                }
                Map<String, Object> campaign = data.campaign(r.customerId(), s.get(1));
                if (campaign == null) {
                    return Answer.notFound("The campaign does not exist.");
                }
                if (n == 2) {
                    return only(m, "GET") ? Answer.success(200, record(campaignJson(campaign))) : verb();
                }
                if (n == 3) {
                    return switch (s.get(2)) {
                        case "stats" -> only(m, "GET") ? stats(campaign) : verb();
                        case "pause-unpause" -> only(m, "PUT") ? pauseUnpause(campaign) : verb();
                        case "bounces" -> switch (m) {
                            case "POST" -> createBounce(r, campaign);
                            case "GET" -> bounces(r, campaign);
                            default -> verb();
                        };
                        default -> Answer.notFound("The requested page does not exist.");
                    };
                }
            }
            case "delivery-servers" -> {
                if (n == 1) {
                    return only(m, "GET") ? deliveryServers(r) : verb();
                }
                if (n == 2) {
                    return only(m, "GET") ? deliveryServer(r, s.get(1)) : verb();
                }
            }
            case "templates" -> {
                if (n == 1) {
                    return switch (m) {
                        case "GET" -> templates(r);
                        case "POST" -> createTemplate(r);
                        default -> verb();
                    };
                }
                if (n == 2) {
                    return only(m, "GET") ? template(r, s.get(1)) : verb();
                }
            }
            default -> {
                // unknown controller
            }
        }
        return Answer.notFound("The requested page does not exist.");
    }

    // ---- lists and subscribers --------------------------------------------------------------------------------------

    private Answer lists(Request r) throws SQLException {
        Page page = Page.of(r.query());
        long total = db.count("SELECT COUNT(*) FROM mw_list WHERE customer_id = ? AND status <> 'pending-delete'", r.customerId());
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> list : db.rows("SELECT * FROM mw_list WHERE customer_id = ? AND status <> 'pending-delete'"
                + " ORDER BY list_id LIMIT ? OFFSET ?", r.customerId(), page.perPage(), page.offset())) {
            records.add(listJson(list));
        }
        return Answer.success(200, page.json(total, records));
    }

    private Map<String, Object> requireList(Request r, String uid) throws SQLException {
        Map<String, Object> list = data.list(r.customerId(), uid);
        if (list == null) {
            throw new Answer.Stop(Answer.notFound("The subscribers list does not exist."));
        }
        return list;
    }

    private ObjectNode listJson(Map<String, Object> list) throws SQLException {
        ObjectNode general = Answer.JSON.createObjectNode()
                .put("list_uid", (String) list.get("list_uid"))
                .put("name", (String) list.get("name"))
                .put("display_name", (String) list.get("display_name"))
                .put("description", (String) list.get("description"))
                .put("subscribers_count", Long.toString(db.count("SELECT COUNT(*) FROM mw_list_subscriber WHERE list_id = ?",
                        list.get("list_id"))));
        ObjectNode json = Answer.JSON.createObjectNode();
        json.set("general", general);
        json.set("defaults", Answer.JSON.createObjectNode().put("from_name", "Sandbox").put("from_email", "news@sandbox.invalid")
                .put("reply_to", "news@sandbox.invalid").put("subject", ""));
        return json;
    }

    private Answer subscribers(Request r, Map<String, Object> list) throws SQLException {
        Page page = Page.of(r.query());
        long total = db.count("SELECT COUNT(*) FROM mw_list_subscriber WHERE list_id = ?", list.get("list_id"));
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> subscriber : db.rows("SELECT * FROM mw_list_subscriber WHERE list_id = ? ORDER BY subscriber_id"
                + " LIMIT ? OFFSET ?", list.get("list_id"), page.perPage(), page.offset())) {
            records.add(subscriberJson(list, subscriber));
        }
        return Answer.success(200, page.json(total, records));
    }

    private ObjectNode subscriberJson(Map<String, Object> list, Map<String, Object> subscriber) throws SQLException {
        ObjectNode json = Answer.JSON.createObjectNode().put("subscriber_uid", (String) subscriber.get("subscriber_uid"));
        Map<String, String> fields = data.fieldValues(id(list, "list_id"), id(subscriber, "subscriber_id"));
        fields.forEach(json::put);
        json.put("EMAIL", (String) subscriber.get("email"));
        json.put("status", (String) subscriber.get("status"));
        json.put("source", (String) subscriber.get("source"));
        json.put("ip_address", (String) subscriber.get("ip_address"));
        json.put("date_added", date(subscriber.get("date_added")));
        return json;
    }

    private Answer createSubscriber(Request r, Map<String, Object> list) throws SQLException {
        String email = PhpForm.text(r.body(), "EMAIL");
        if (email == null || email.isBlank()) {
            return Answer.error(422, "Please provide the subscriber email address.");
        }
        if (!MailwizzData.validEmail(email)) {
            return Answer.invalid(Map.of("EMAIL", "The provided email address is not valid."));
        }
        String status = PhpForm.text(r.body(), "details", "status");
        if (status != null && !SUBSCRIBER_STATUSES.contains(status)) {
            return Answer.invalid(Map.of("status", "Status is not in the list of allowed values."));
        }
        if (data.subscriberByEmail(id(list, "list_id"), email) != null) {
            return Answer.error(409, "The subscriber already exists in this list.");
        }
        if (!"blacklisted".equals(status) && data.globallyBlacklisted(email)) {
            return Answer.error(409, "This email address is blacklisted.");
        }
        String initial = status == null ? ("single".equals(list.get("opt_in")) ? "confirmed" : "unconfirmed")
                : "blacklisted".equals(status) ? "confirmed" : status;
        Map<String, Object> subscriber = data.createSubscriber(id(list, "list_id"), email, initial, "api");
        data.saveFields(id(list, "list_id"), id(subscriber, "subscriber_id"), r.body());
        if ("blacklisted".equals(status)) {
            blacklistSubscriber(r, list, subscriber, "Blacklisted through the API");
            subscriber = data.subscriber(id(list, "list_id"), (String) subscriber.get("subscriber_uid"));
        } else if ("unsubscribed".equals(status)) {
            data.recordSuppression(Suppression.Kind.UNSUBSCRIBE, r.customerId(), email, "Created unsubscribed through the API", null,
                    (String) list.get("list_uid"), (String) subscriber.get("subscriber_uid"));
        }
        return Answer.success(201, record(subscriberJson(list, subscriber)));
    }

    private Answer updateSubscriber(Request r, Map<String, Object> list, Map<String, Object> subscriber) throws SQLException {
        String email = PhpForm.text(r.body(), "EMAIL");
        if (email != null && !email.equals(subscriber.get("email"))) {
            if (!MailwizzData.validEmail(email)) {
                return Answer.invalid(Map.of("EMAIL", "The provided email address is not valid."));
            }
            if (data.subscriberByEmail(id(list, "list_id"), email) != null) {
                return Answer.error(409, "The subscriber already exists in this list.");
            }
            db.update("UPDATE mw_list_subscriber SET email = ?, last_updated = ? WHERE subscriber_id = ?", email, data.now(),
                    subscriber.get("subscriber_id"));
        }
        String status = PhpForm.text(r.body(), "details", "status");
        if (status != null && !SUBSCRIBER_STATUSES.contains(status)) {
            return Answer.invalid(Map.of("status", "Status is not in the list of allowed values."));
        }
        data.saveFields(id(list, "list_id"), id(subscriber, "subscriber_id"), r.body());
        Map<String, Object> current = data.subscriber(id(list, "list_id"), (String) subscriber.get("subscriber_uid"));
        if (status != null && !status.equals(current.get("status"))) {
            if ("blacklisted".equals(status)) {
                blacklistSubscriber(r, list, current, "Blacklisted through the API");
            } else {
                data.setStatus(id(current, "subscriber_id"), status);
                if ("unsubscribed".equals(status)) {
                    data.recordSuppression(Suppression.Kind.UNSUBSCRIBE, r.customerId(), (String) current.get("email"),
                            "Status set to unsubscribed through the API", null, (String) list.get("list_uid"),
                            (String) current.get("subscriber_uid"));
                }
            }
        }
        current = data.subscriber(id(list, "list_id"), (String) subscriber.get("subscriber_uid"));
        return Answer.success(200, record(subscriberJson(list, current)));
    }

    private void blacklistSubscriber(Request r, Map<String, Object> list, Map<String, Object> subscriber, String reason)
            throws SQLException {
        data.blacklist(id(subscriber, "subscriber_id"), (String) subscriber.get("email"), reason);
        data.recordSuppression(Suppression.Kind.BLACKLIST, r.customerId(), (String) subscriber.get("email"), reason, null,
                (String) list.get("list_uid"), (String) subscriber.get("subscriber_uid"));
    }

    private Answer searchByEmail(Request r, Map<String, Object> list) throws SQLException {
        String email = PhpForm.text(r.query(), "EMAIL");
        if (email == null || email.isBlank()) {
            return Answer.error(422, "Please provide the subscriber email address.");
        }
        Map<String, Object> subscriber = data.subscriberByEmail(id(list, "list_id"), email);
        if (subscriber == null && data.isSandboxList(r.customerId(), list) && data.generatedAddress(email)) {
            data.subscriptions(r.customerId(), email, true);
            subscriber = data.subscriberByEmail(id(list, "list_id"), email);
        }
        if (subscriber == null) {
            return Answer.notFound("The subscriber does not exist.");
        }
        ObjectNode json = Answer.JSON.createObjectNode()
                .put("subscriber_uid", (String) subscriber.get("subscriber_uid"))
                .put("status", (String) subscriber.get("status"))
                .put("date_added", date(subscriber.get("date_added")));
        return Answer.success(200, json);
    }

    private Answer searchAllLists(Request r) throws SQLException {
        String email = PhpForm.text(r.query(), "EMAIL");
        if (email == null || email.isBlank()) {
            return Answer.error(422, "Please provide the subscriber email address.");
        }
        List<Map<String, Object>> found = data.subscriptions(r.customerId(), email, true);
        if (found.isEmpty()) {
            return Answer.notFound("The subscriber does not exist.");
        }
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> subscriber : found) {
            ObjectNode record = records.addObject()
                    .put("subscriber_uid", (String) subscriber.get("subscriber_uid"))
                    .put("email", (String) subscriber.get("email"))
                    .put("status", (String) subscriber.get("status"))
                    .put("source", (String) subscriber.get("source"))
                    .put("ip_address", (String) subscriber.get("ip_address"))
                    .put("date_added", date(subscriber.get("date_added")));
            record.putObject("list").put("list_uid", (String) subscriber.get("list_uid"))
                    .put("display_name", (String) subscriber.get("list_display_name"))
                    .put("name", (String) subscriber.get("list_name"));
        }
        ObjectNode json = Answer.JSON.createObjectNode().put("count", Integer.toString(found.size())).put("total_pages", 1)
                .put("current_page", 1).putNull("next_page").putNull("prev_page");
        json.set("records", records);
        return Answer.success(200, json);
    }

    private Answer unsubscribeFromAllLists(Request r) throws SQLException {
        String email = PhpForm.text(r.body(), "EMAIL");
        if (email == null || email.isBlank()) {
            return Answer.error(422, "Please provide the subscriber email address.");
        }
        List<Map<String, Object>> found = data.subscriptions(r.customerId(), email, true);
        if (found.isEmpty()) {
            return Answer.notFound("The subscriber does not exist.");
        }
        for (Map<String, Object> subscriber : found) {
            String status = (String) subscriber.get("status");
            if ("confirmed".equals(status) || "unconfirmed".equals(status)) {
                data.setStatus(id(subscriber, "subscriber_id"), "unsubscribed");
                data.recordSuppression(Suppression.Kind.UNSUBSCRIBE, r.customerId(), email, "Unsubscribed from all lists through the API",
                        null, (String) subscriber.get("list_uid"), (String) subscriber.get("subscriber_uid"));
            }
        }
        return Answer.success(200, null);
    }

    private Answer unsubscribe(Request r, Map<String, Object> list, Map<String, Object> subscriber) throws SQLException {
        String status = (String) subscriber.get("status");
        if ("confirmed".equals(status) || "unconfirmed".equals(status)) {
            data.setStatus(id(subscriber, "subscriber_id"), "unsubscribed");
            data.recordSuppression(Suppression.Kind.UNSUBSCRIBE, r.customerId(), (String) subscriber.get("email"),
                    "Unsubscribed through the API", null, (String) list.get("list_uid"), (String) subscriber.get("subscriber_uid"));
        }
        return Answer.success(200, null);
    }

    // ---- campaigns ----------------------------------------------------------------------------------------------------

    private Answer campaigns(Request r) throws SQLException {
        Page page = Page.of(r.query());
        long total = db.count("SELECT COUNT(*) FROM mw_campaign WHERE customer_id = ?", r.customerId());
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> campaign : db.rows("SELECT * FROM mw_campaign WHERE customer_id = ? ORDER BY campaign_id LIMIT ?"
                + " OFFSET ?", r.customerId(), page.perPage(), page.offset())) {
            records.addObject().put("campaign_uid", (String) campaign.get("campaign_uid")).put("name", (String) campaign.get("name"))
                    .put("status", (String) campaign.get("status")).putNull("group");
        }
        return Answer.success(200, page.json(total, records));
    }

    private ObjectNode campaignJson(Map<String, Object> campaign) throws SQLException {
        ObjectNode json = Answer.JSON.createObjectNode()
                .put("campaign_uid", (String) campaign.get("campaign_uid"))
                .put("name", (String) campaign.get("name"))
                .put("type", (String) campaign.get("type"))
                .put("from_name", (String) campaign.get("from_name"))
                .put("from_email", (String) campaign.get("from_email"))
                .put("to_name", "[EMAIL]")
                .put("reply_to", (String) campaign.get("reply_to"))
                .put("subject", (String) campaign.get("subject"))
                .put("status", (String) campaign.get("status"))
                .put("date_added", date(campaign.get("date_added")))
                .put("send_at", date(campaign.get("send_at")));
        json.putObject("list").put("list_uid", (String) campaign.get("list_uid")).put("name", (String) campaign.get("list_name"))
                .put("subscribers_count", db.count("SELECT COUNT(*) FROM mw_list_subscriber WHERE list_id = ?", campaign.get("list_id")));
        json.putNull("segment");
        return json;
    }

    private Answer stats(Map<String, Object> campaign) throws SQLException {
        Object id = campaign.get("campaign_id");
        long subscribers = db.count("SELECT COUNT(*) FROM mw_list_subscriber WHERE list_id = ?", campaign.get("list_id"));
        long processed = db.count("SELECT COUNT(*) FROM mw_campaign_delivery_log WHERE campaign_id = ?", id);
        long success = db.count("SELECT COUNT(*) FROM mw_campaign_delivery_log WHERE campaign_id = ? AND status = 'success'", id);
        long hard = db.count("SELECT COUNT(*) FROM mw_campaign_bounce_log WHERE campaign_id = ? AND bounce_type = 'hard'", id);
        long soft = db.count("SELECT COUNT(*) FROM mw_campaign_bounce_log WHERE campaign_id = ? AND bounce_type = 'soft'", id);
        long internal = db.count("SELECT COUNT(*) FROM mw_campaign_bounce_log WHERE campaign_id = ? AND bounce_type = 'internal'", id);
        long unsubscribes = db.count("SELECT COUNT(*) FROM mw_list_subscriber WHERE list_id = ? AND status = 'unsubscribed'",
                campaign.get("list_id"));
        ObjectNode json = Answer.JSON.createObjectNode()
                .put("campaign_status", (String) campaign.get("status"))
                .put("subscribers_count", subscribers)
                .put("processed_count", processed)
                .put("delivery_success_count", success)
                .put("delivery_success_rate", rate(success, processed))
                .put("delivery_error_count", processed - success)
                .put("delivery_error_rate", rate(processed - success, processed))
                .put("bounces_count", hard + soft + internal)
                .put("bounces_rate", rate(hard + soft + internal, processed))
                .put("hard_bounces_count", hard)
                .put("hard_bounces_rate", rate(hard, processed))
                .put("soft_bounces_count", soft)
                .put("soft_bounces_rate", rate(soft, processed))
                .put("internal_bounces_count", internal)
                .put("internal_bounces_rate", rate(internal, processed))
                .put("unsubscribes_count", unsubscribes)
                .put("unsubscribes_rate", rate(unsubscribes, processed));
        return Answer.success(200, json);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10000.0 * part / whole) / 100.0;
    }

    private Answer pauseUnpause(Map<String, Object> campaign) throws SQLException {
        String status = (String) campaign.get("status");
        String next = switch (status) {
            case "sending", "pending-sending", "processing" -> "paused";
            case "paused" -> "sending";
            default -> null;
        };
        if (next == null) {
            return Answer.error(422, "The campaign cannot be paused or unpaused in its current status (" + status + ").");
        }
        db.update("UPDATE mw_campaign SET status = ?, last_updated = ? WHERE campaign_id = ?", next, data.now(),
                campaign.get("campaign_id"));
        ObjectNode top = Answer.JSON.createObjectNode();
        top.putObject("campaign").put("status", next);
        return Answer.successTop(200, top);
    }

    private Answer deliveryLog(Request r, String rawMessageId) throws SQLException {
        String messageId = rawMessageId.trim();
        if (messageId.startsWith("<") && messageId.endsWith(">") && messageId.length() > 2) {
            messageId = messageId.substring(1, messageId.length() - 1);
        }
        Map<String, Object> log = data.deliveryLog(r.customerId(), messageId);
        if (log == null) {
            return Answer.notFound("The delivery log does not exist.");
        }
        ObjectNode record = Answer.JSON.createObjectNode();
        record.putObject("campaign").put("campaign_uid", (String) log.get("campaign_uid")).put("name", (String) log.get("campaign_name"));
        record.putObject("subscriber").put("subscriber_uid", (String) log.get("subscriber_uid")).put("email", (String) log.get("email"))
                .putObject("list").put("list_uid", (String) log.get("list_uid"));
        record.put("message", (String) log.get("message"))
                .put("processed", (String) log.get("processed"))
                .put("retries", String.valueOf(log.get("retries")))
                .put("max_retries", String.valueOf(log.get("max_retries")))
                .put("email_message_id", (String) log.get("email_message_id"))
                .put("delivery_confirmed", (String) log.get("delivery_confirmed"))
                .put("status", (String) log.get("status"))
                .put("date_added", date(log.get("date_added")));
        return Answer.success(200, record(record));
    }

    private Answer createBounce(Request r, Map<String, Object> campaign) throws SQLException {
        String subscriberUid = PhpForm.text(r.body(), "subscriber_uid");
        String type = PhpForm.text(r.body(), "bounce_type");
        String message = PhpForm.text(r.body(), "message");
        Map<String, String> errors = new LinkedHashMap<>();
        if (message == null || message.isBlank()) {
            errors.put("message", "Message cannot be blank.");
        } else if (message.codePointCount(0, message.length()) > 250) {
            errors.put("message", "Message is too long (maximum is 250 characters).");
        }
        if (type == null || !BOUNCE_TYPES.contains(type)) {
            errors.put("bounce_type", "Bounce type is not in the list of allowed values.");
        }
        if (subscriberUid == null || subscriberUid.isBlank()) {
            errors.put("subscriber_uid", "Subscriber uid cannot be blank.");
        }
        if (!errors.isEmpty()) {
            return Answer.invalid(errors);
        }
        Map<String, Object> subscriber = data.subscriber(id(campaign, "list_id"), subscriberUid);
        if (subscriber == null) {
            return Answer.notFound("The subscriber does not exist.");
        }
        if (db.count("SELECT COUNT(*) FROM mw_campaign_bounce_log WHERE campaign_id = ? AND subscriber_id = ?",
                campaign.get("campaign_id"), subscriber.get("subscriber_id")) > 0) {
            return Answer.invalid(Map.of("subscriber_uid", "This subscriber has already been bounced for this campaign."));
        }
        db.insert("INSERT INTO mw_campaign_bounce_log (campaign_id, subscriber_id, message, bounce_type, processed, date_added)"
                + " VALUES (?, ?, ?, ?, 'no', ?)", campaign.get("campaign_id"), subscriber.get("subscriber_id"), message, type, data.now());
        if ("hard".equals(type)) {
            data.blacklist(id(subscriber, "subscriber_id"), (String) subscriber.get("email"), message);
        }
        data.recordSuppression(Suppression.Kind.CAMPAIGN_BOUNCE, r.customerId(), (String) subscriber.get("email"),
                type + ": " + message, (String) campaign.get("campaign_uid"), (String) campaign.get("list_uid"), subscriberUid);
        ObjectNode record = Answer.JSON.createObjectNode().put("message", message).put("bounce_type", type).put("processed", "no")
                .put("date_added", date(data.now()));
        record.putObject("subscriber").put("subscriber_uid", subscriberUid).put("email", (String) subscriber.get("email"));
        return Answer.success(201, record(record));
    }

    private Answer bounces(Request r, Map<String, Object> campaign) throws SQLException {
        Page page = Page.of(r.query());
        long total = db.count("SELECT COUNT(*) FROM mw_campaign_bounce_log WHERE campaign_id = ?", campaign.get("campaign_id"));
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> bounce : db.rows("SELECT b.*, s.subscriber_uid, s.email FROM mw_campaign_bounce_log b JOIN"
                + " mw_list_subscriber s ON s.subscriber_id = b.subscriber_id WHERE b.campaign_id = ? ORDER BY b.log_id LIMIT ? OFFSET ?",
                campaign.get("campaign_id"), page.perPage(), page.offset())) {
            ObjectNode record = records.addObject().put("message", (String) bounce.get("message"))
                    .put("bounce_type", (String) bounce.get("bounce_type")).put("processed", (String) bounce.get("processed"))
                    .put("date_added", date(bounce.get("date_added")));
            record.putObject("subscriber").put("subscriber_uid", (String) bounce.get("subscriber_uid"))
                    .put("email", (String) bounce.get("email"));
        }
        return Answer.success(200, page.json(total, records));
    }

    // ---- delivery servers and templates -------------------------------------------------------------------------------

    private Answer deliveryServers(Request r) throws SQLException {
        Page page = Page.of(r.query());
        long total = db.count("SELECT COUNT(*) FROM mw_delivery_server WHERE customer_id = ?", r.customerId());
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> server : db.rows("SELECT * FROM mw_delivery_server WHERE customer_id = ? ORDER BY server_id"
                + " LIMIT ? OFFSET ?", r.customerId(), page.perPage(), page.offset())) {
            records.add(serverJson(server));
        }
        return Answer.success(200, page.json(total, records));
    }

    private Answer deliveryServer(Request r, String id) throws SQLException {
        Map<String, Object> server = id.matches("[0-9]{1,10}")
                ? db.row("SELECT * FROM mw_delivery_server WHERE server_id = ? AND customer_id = ?", Long.parseLong(id), r.customerId())
                : null;
        return server == null ? Answer.notFound("The delivery server does not exist.") : Answer.success(200, record(serverJson(server)));
    }

    private static ObjectNode serverJson(Map<String, Object> server) {
        return Answer.JSON.createObjectNode()
                .put("server_id", String.valueOf(server.get("server_id")))
                .put("type", (String) server.get("type"))
                .put("name", (String) server.get("name"))
                .put("hostname", (String) server.get("hostname"))
                .put("status", (String) server.get("status"));
    }

    private Answer templates(Request r) throws SQLException {
        Page page = Page.of(r.query());
        long total = db.count("SELECT COUNT(*) FROM mw_customer_email_template WHERE customer_id = ?", r.customerId());
        ArrayNode records = Answer.JSON.createArrayNode();
        for (Map<String, Object> template : db.rows("SELECT * FROM mw_customer_email_template WHERE customer_id = ?"
                + " ORDER BY template_id LIMIT ? OFFSET ?", r.customerId(), page.perPage(), page.offset())) {
            records.addObject().put("template_uid", (String) template.get("template_uid")).put("name", (String) template.get("name"))
                    .put("screenshot", "");
        }
        return Answer.success(200, page.json(total, records));
    }

    private Answer template(Request r, String uid) throws SQLException {
        Map<String, Object> template = db.row("SELECT * FROM mw_customer_email_template WHERE template_uid = ? AND customer_id = ?",
                uid, r.customerId());
        if (template == null) {
            return Answer.notFound("The template does not exist.");
        }
        return Answer.success(200, record(Answer.JSON.createObjectNode().put("template_uid", uid)
                .put("name", (String) template.get("name")).put("content", (String) template.get("content"))));
    }

    private Answer createTemplate(Request r) throws SQLException {
        String name = PhpForm.text(r.body(), "template", "name");
        String content = PhpForm.text(r.body(), "template", "content");
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "Name cannot be blank.");
        } else if (name.length() > 255) {
            errors.put("name", "Name is too long (maximum is 255 characters).");
        }
        if (content == null || content.isBlank()) {
            errors.put("content", "Content cannot be blank.");
        }
        if (!errors.isEmpty()) {
            return Answer.invalid(errors);
        }
        String uid = data.newUid();
        db.insert("INSERT INTO mw_customer_email_template (template_uid, customer_id, name, content, date_added, last_updated)"
                + " VALUES (?, ?, ?, ?, ?, ?)", uid, r.customerId(), name, content, data.now(), data.now());
        return Answer.successTop(201, Answer.JSON.createObjectNode().put("template_uid", uid));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private static boolean only(String method, String allowed) {
        return allowed.equals(method);
    }

    /** Yii's verb filter: a known route with another method is a bad request (400), as in MailWizz. */
    private static Answer verb() {
        return Answer.error(400, "Your request is invalid.");
    }

    private static ObjectNode record(ObjectNode record) {
        ObjectNode data = Answer.JSON.createObjectNode();
        data.set("record", record);
        return data;
    }

    private static long id(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    static String date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toLocalDateTime().withNano(0).toString().replace('T', ' ');
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.withNano(0).toString().replace('T', ' ');
        }
        return value.toString();
    }

    /** MailWizz paging: {@code page} from 1, {@code per_page} 10..1000 (default 10). */
    record Page(int page, int perPage) {
        static Page of(Map<String, Object> query) {
            int page = parse(PhpForm.text(query, "page"), 1);
            int perPage = parse(PhpForm.text(query, "per_page"), 10);
            return new Page(Math.max(1, page), Math.min(1000, Math.max(10, perPage)));
        }

        private static int parse(String text, int fallback) {
            try {
                return text == null ? fallback : Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        long offset() {
            return (long) (page - 1) * perPage;
        }

        ObjectNode json(long total, ArrayNode records) {
            long pages = (total + perPage - 1) / perPage;
            ObjectNode json = Answer.JSON.createObjectNode();
            if (total == 0) {
                // MailWizz sends null counters for an empty result
                json.putNull("count").putNull("total_pages").putNull("current_page").putNull("next_page").putNull("prev_page");
            } else {
                json.put("count", Long.toString(total)).put("total_pages", pages).put("current_page", page);
                if (page < pages) {
                    json.put("next_page", page + 1);
                } else {
                    json.putNull("next_page");
                }
                if (page > 1) {
                    json.put("prev_page", page - 1);
                } else {
                    json.putNull("prev_page");
                }
            }
            json.set("records", records);
            return json;
        }
    }
}

package io.emailengine.simulator.mailwizz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MailWizz's data as the API subset changes it, plus the sandbox rule for generated traffic. Every method runs
 * inside {@link Db#tx}.
 *
 * <p><b>Generated traffic</b> (when enabled): the sandbox's PowerMTA simulator invents recipients and Message-IDs
 * that no MailWizz ever sent, so that the gateway's lookups still succeed:
 * <ul>
 *   <li>each customer has a list {@code sblistNNNNNNN} ("Sandbox recipients") and a campaign
 *       {@code sbcampNNNNNNN} ("Sandbox traffic", status sending) on it (NNNNNNN = customer id), created at start;</li>
 *   <li>an address looked up through the customer's API key (search in all lists, unsubscribe from all lists, search
 *       in the sandbox list) that is not a subscriber of any of the customer's lists becomes a confirmed subscriber
 *       of the sandbox list first;</li>
 *   <li>a Message-ID looked up that no delivery log holds becomes a delivery log of the sandbox campaign; its
 *       subscriber is the recipient written in the Message-ID as {@code <anything~local=domain@host>} (the text
 *       after the first {@code ~} with its last {@code =} read as {@code @}), else a placeholder
 *       {@code msg-<12 hex>@unknown-recipient.invalid};</li>
 *   <li>never found, so that 404 stays testable: addresses and Message-IDs whose domain ends in {@code .invalid}
 *       (RFC 2606), lists/campaigns/subscribers by uid, another customer's anything.</li>
 * </ul>
 */
final class MailwizzData {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final String RESERVED_TLD = ".invalid";
    private static final char[] UID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Db db;
    private final Clock clock;
    private final boolean generatedTraffic;
    private final SecureRandom random = new SecureRandom();

    MailwizzData(Db db, Clock clock, boolean generatedTraffic) {
        this.db = db;
        this.clock = clock;
        this.generatedTraffic = generatedTraffic;
    }

    Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    String newUid() {
        char[] uid = new char[13];
        for (int i = 0; i < uid.length; i++) {
            uid[i] = UID_CHARS[random.nextInt(UID_CHARS.length)];
        }
        return new String(uid);
    }

    static boolean validEmail(String email) {
        return email != null && email.length() <= 100 && EMAIL.matcher(email).matches();
    }

    private static boolean reserved(String domainOrEmail) {
        return domainOrEmail.toLowerCase(Locale.ROOT).endsWith(RESERVED_TLD);
    }

    // ---- customers, lists, fields -------------------------------------------------------------------------------

    void createCustomer(long customerId, String name) throws SQLException {
        db.update("INSERT IGNORE INTO mw_customer (customer_id, customer_uid, first_name, email, status, date_added, last_updated)"
                + " VALUES (?, ?, ?, ?, 'active', ?, ?)", customerId, newUid(), name, "customer" + customerId + "@sandbox.invalid",
                now(), now());
    }

    Map<String, Object> createList(long customerId, String uid, String name, String description) throws SQLException {
        long id = db.insert("INSERT INTO mw_list (list_uid, customer_id, name, display_name, description, opt_in, opt_out, status,"
                + " date_added, last_updated) VALUES (?, ?, ?, ?, ?, 'single', 'single', 'active', ?, ?)", uid, customerId, name, name,
                description, now(), now());
        int order = 0;
        for (String[] field : new String[][] {{"Email", "EMAIL", "yes"}, {"First name", "FNAME", "no"}, {"Last name", "LNAME", "no"}}) {
            db.update("INSERT INTO mw_list_field (list_id, label, tag, required, sort_order) VALUES (?, ?, ?, ?, ?)", id, field[0],
                    field[1], field[2], order++);
        }
        return db.row("SELECT * FROM mw_list WHERE list_id = ?", id);
    }

    /** The customer's list, or null (another customer's list is as unknown as a missing one). */
    Map<String, Object> list(long customerId, String uid) throws SQLException {
        Map<String, Object> list = db.row("SELECT * FROM mw_list WHERE list_uid = ? AND customer_id = ? AND status <> 'pending-delete'",
                uid, customerId);
        if (list == null && generatedTraffic && sandboxListUid(customerId).equals(uid)) {
            return sandboxList(customerId);
        }
        return list;
    }

    static String sandboxListUid(long customerId) {
        return String.format(Locale.ROOT, "sblist%07d", customerId);
    }

    static String sandboxCampaignUid(long customerId) {
        return String.format(Locale.ROOT, "sbcamp%07d", customerId);
    }

    Map<String, Object> sandboxList(long customerId) throws SQLException {
        Map<String, Object> list = db.row("SELECT * FROM mw_list WHERE list_uid = ?", sandboxListUid(customerId));
        return list != null ? list : createList(customerId, sandboxListUid(customerId), "Sandbox recipients",
                "Recipients of the sandbox's generated traffic, created on first lookup");
    }

    Map<String, Object> sandboxCampaign(long customerId) throws SQLException {
        Map<String, Object> campaign = db.row("SELECT * FROM mw_campaign WHERE campaign_uid = ?", sandboxCampaignUid(customerId));
        if (campaign != null) {
            return campaign;
        }
        Map<String, Object> list = sandboxList(customerId);
        long id = db.insert("INSERT INTO mw_campaign (campaign_uid, customer_id, list_id, type, name, from_name, from_email, reply_to,"
                + " subject, send_at, status, date_added, last_updated) VALUES (?, ?, ?, 'regular', 'Sandbox traffic', 'Sandbox',"
                + " 'news@sandbox.invalid', 'news@sandbox.invalid', 'Sandbox traffic', ?, 'sending', ?, ?)",
                sandboxCampaignUid(customerId), customerId, list.get("list_id"), now(), now(), now());
        return db.row("SELECT * FROM mw_campaign WHERE campaign_id = ?", id);
    }

    Map<String, String> fieldValues(long listId, long subscriberId) throws SQLException {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : db.rows("SELECT f.tag, v.value FROM mw_list_field f LEFT JOIN mw_list_field_value v"
                + " ON v.field_id = f.field_id AND v.subscriber_id = ? WHERE f.list_id = ? ORDER BY f.sort_order", subscriberId, listId)) {
            values.put((String) row.get("tag"), row.get("value") == null ? "" : (String) row.get("value"));
        }
        return values;
    }

    /** Stores the values of the list's fields named in the form (unknown tags are ignored, as MailWizz does). */
    void saveFields(long listId, long subscriberId, Map<String, Object> form) throws SQLException {
        for (Map<String, Object> field : db.rows("SELECT field_id, tag FROM mw_list_field WHERE list_id = ? AND tag <> 'EMAIL'", listId)) {
            String value = PhpForm.text(form, (String) field.get("tag"));
            if (value != null) {
                db.update("INSERT INTO mw_list_field_value (field_id, subscriber_id, value) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE value = VALUES(value)", field.get("field_id"), subscriberId,
                        value.length() > 255 ? value.substring(0, 255) : value);
            }
        }
    }

    // ---- subscribers ----------------------------------------------------------------------------------------------

    Map<String, Object> subscriber(long listId, String subscriberUid) throws SQLException {
        return db.row("SELECT * FROM mw_list_subscriber WHERE list_id = ? AND subscriber_uid = ?", listId, subscriberUid);
    }

    Map<String, Object> subscriberByEmail(long listId, String email) throws SQLException {
        return db.row("SELECT * FROM mw_list_subscriber WHERE list_id = ? AND email = ?", listId, email);
    }

    Map<String, Object> createSubscriber(long listId, String email, String status, String source) throws SQLException {
        long id = db.insert("INSERT INTO mw_list_subscriber (subscriber_uid, list_id, email, ip_address, source, status, date_added,"
                + " last_updated) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)", newUid(), listId, email, source, status, now(), now());
        return db.row("SELECT * FROM mw_list_subscriber WHERE subscriber_id = ?", id);
    }

    /** The customer's subscriptions of an address, with their list uids; generated traffic may create one first. */
    List<Map<String, Object>> subscriptions(long customerId, String email, boolean mayGenerate) throws SQLException {
        String sql = "SELECT s.*, l.list_uid, l.name AS list_name, l.display_name AS list_display_name FROM mw_list_subscriber s"
                + " JOIN mw_list l ON l.list_id = s.list_id WHERE l.customer_id = ? AND s.email = ? ORDER BY s.subscriber_id";
        List<Map<String, Object>> found = db.rows(sql, customerId, email);
        if (found.isEmpty() && mayGenerate && generatedAddress(email)) {
            createSubscriber(((Number) sandboxList(customerId).get("list_id")).longValue(), email, "confirmed", "import");
            found = db.rows(sql, customerId, email);
        }
        return found;
    }

    boolean generatedAddress(String email) {
        return generatedTraffic && validEmail(email) && !reserved(email);
    }

    boolean isSandboxList(long customerId, Map<String, Object> list) {
        return generatedTraffic && sandboxListUid(customerId).equals(list.get("list_uid"));
    }

    void setStatus(long subscriberId, String status) throws SQLException {
        db.update("UPDATE mw_list_subscriber SET status = ?, last_updated = ? WHERE subscriber_id = ?", status, now(), subscriberId);
    }

    void blacklist(long subscriberId, String email, String reason) throws SQLException {
        setStatus(subscriberId, "blacklisted");
        db.update("INSERT INTO mw_email_blacklist (subscriber_id, email, reason, date_added, last_updated) VALUES (?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE last_updated = VALUES(last_updated)", subscriberId, email, reason, now(), now());
    }

    boolean globallyBlacklisted(String email) throws SQLException {
        return db.count("SELECT COUNT(*) FROM mw_email_blacklist WHERE email = ?", email) > 0;
    }

    void recordSuppression(Suppression.Kind kind, long customerId, String email, String reason, String campaignUid, String listUid,
                           String subscriberUid) throws SQLException {
        db.update("INSERT INTO sim_suppression (kind, customer_id, email, reason, campaign_uid, list_uid, subscriber_uid, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", kind.name(), customerId, email, reason, campaignUid, listUid, subscriberUid,
                Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }

    // ---- campaigns and delivery logs -----------------------------------------------------------------------------

    Map<String, Object> campaign(long customerId, String uid) throws SQLException {
        Map<String, Object> campaign = db.row("SELECT c.*, l.list_uid, l.name AS list_name FROM mw_campaign c JOIN mw_list l"
                + " ON l.list_id = c.list_id WHERE c.campaign_uid = ? AND c.customer_id = ?", uid, customerId);
        if (campaign == null && generatedTraffic && sandboxCampaignUid(customerId).equals(uid)) {
            sandboxCampaign(customerId);
            return campaign(customerId, uid);
        }
        return campaign;
    }

    /** The delivery log of a Message-ID within the customer's campaigns (generated traffic may create it), or null. */
    Map<String, Object> deliveryLog(long customerId, String messageId) throws SQLException {
        String sql = "SELECT d.*, c.campaign_uid, c.name AS campaign_name, c.customer_id, s.subscriber_uid, s.email, l.list_uid"
                + " FROM mw_campaign_delivery_log d JOIN mw_campaign c ON c.campaign_id = d.campaign_id"
                + " JOIN mw_list_subscriber s ON s.subscriber_id = d.subscriber_id JOIN mw_list l ON l.list_id = s.list_id"
                + " WHERE d.email_message_id = ?";
        Map<String, Object> log = db.row(sql, messageId);
        if (log != null) {
            return ((Number) log.get("customer_id")).longValue() == customerId ? log : null;
        }
        int at = messageId.lastIndexOf('@');
        if (!generatedTraffic || at <= 0 || at == messageId.length() - 1 || reserved(messageId.substring(at + 1))) {
            return null;
        }
        recordDelivery(customerId, messageId, recipientOf(messageId));
        return db.row(sql, messageId);
    }

    /** The recipient a generated Message-ID names ({@code anything~local=domain@host}), else a placeholder. */
    static String recipientOf(String messageId) {
        String local = messageId.substring(0, messageId.lastIndexOf('@'));
        int tilde = local.indexOf('~');
        if (tilde >= 0) {
            String encoded = local.substring(tilde + 1);
            int eq = encoded.lastIndexOf('=');
            if (eq > 0) {
                String email = encoded.substring(0, eq) + "@" + encoded.substring(eq + 1);
                if (validEmail(email)) {
                    return email.toLowerCase(Locale.ROOT);
                }
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return "msg-" + HexFormat.of().formatHex(digest, 0, 6) + "@unknown-recipient.invalid";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** A message of the customer's sandbox campaign to {@code email}, known by its Message-ID from now on. */
    void recordDelivery(long customerId, String messageId, String email) throws SQLException {
        Map<String, Object> campaign = sandboxCampaign(customerId);
        long listId = ((Number) campaign.get("list_id")).longValue();
        Map<String, Object> subscriber = subscriberByEmail(listId, email);
        if (subscriber == null) {
            subscriber = createSubscriber(listId, email, "confirmed", "import");
        }
        db.update("INSERT IGNORE INTO mw_campaign_delivery_log (campaign_id, subscriber_id, message, processed, email_message_id,"
                + " status, date_added) VALUES (?, ?, 'OK', 'yes', ?, 'success', ?)", campaign.get("campaign_id"),
                subscriber.get("subscriber_id"), messageId, now());
    }
}

package io.emailengine.pmtaconfig.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.pmtaconfig.domain.PmtaHostStatus;
import io.emailengine.pmtaconfig.domain.PmtaQueue;
import io.emailengine.pmtaconfig.domain.PmtaQueueListing;
import io.emailengine.pmtaconfig.domain.UnreadablePmtaOutputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tolerant reader of {@code pmta --json show queues} and {@code pmta --json show status}. The PowerMTA
 * guide documents the commands but not their JSON, so this accepts the shapes seen so far (see the README's
 * assumption) and says precisely what it could not read instead of turning it into zeros:
 * <ul>
 * <li>queues under {@code queues} or {@code data}, or a top-level array;</li>
 * <li>a queue named {@code "domain/vmta"} ({@code name} or {@code queue}) or by separate {@code domain} and
 *     {@code vmta} fields; counts under {@code rcp}/{@code recipients}, {@code msg}/{@code messages},
 *     {@code kb}, {@code conn}/{@code connections}; numbers or digit strings; {@code paused} boolean;</li>
 * <li>status under {@code status} or {@code data}, or at the top level, with {@code queue.smtp.{rcp,msg}}
 *     and {@code conn.smtpOut}.</li>
 * </ul>
 * Names from the host become metric labels and API values, so they are whitelisted; an entry that fails is
 * skipped with the reason, the others are kept.
 */
final class PmtaJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Recipient domains, MX rollups ({@code gmail.rollup}) and PowerMTA's wildcard queues ({@code *}). */
    private static final Pattern QUEUE_DOMAIN = Pattern.compile("[A-Za-z0-9*_][A-Za-z0-9.*_-]{0,252}");
    private static final Pattern VMTA = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_QUOTED = 60;

    private PmtaJsonReader() {
    }

    static PmtaQueueListing queues(String command, String output) {
        JsonNode root = parse(command, output);
        JsonNode array = root.isArray() ? root : root.isObject() && root.path("queues").isArray() ? root.get("queues")
                : root.isObject() && root.path("data").isArray() ? root.get("data")
                : root.isObject() && root.path("data").path("queues").isArray() ? root.get("data").get("queues") : null;
        if (array == null) {
            throw new UnreadablePmtaOutputException(command, "expected an array under 'queues' or 'data' (or a top-level array),"
                    + " found " + describe(root));
        }
        List<PmtaQueue> queues = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                queues.add(queue(array.get(i)));
            } catch (IllegalArgumentException e) {
                skipped.add("entry " + i + ": " + e.getMessage());
            }
        }
        if (queues.isEmpty() && !skipped.isEmpty()) {
            throw new UnreadablePmtaOutputException(command, "no queue entry could be read; first: " + skipped.get(0));
        }
        return new PmtaQueueListing(queues, skipped);
    }

    static PmtaHostStatus status(String command, String output) {
        JsonNode root = parse(command, output);
        JsonNode status = root.path("status").isObject() ? root.get("status")
                : root.path("data").isObject() ? root.get("data") : root;
        JsonNode smtp = status.path("queue").path("smtp");
        if (!smtp.isObject()) {
            throw new UnreadablePmtaOutputException(command, "no queue.smtp totals under 'status', 'data' or the top level,"
                    + " found " + describe(root));
        }
        try {
            Long recipients = count(smtp, "queue.smtp", "rcp", "recipients");
            Long messages = count(smtp, "queue.smtp", "msg", "messages");
            if (recipients == null || messages == null) {
                throw new IllegalArgumentException("queue.smtp needs 'rcp' (or 'recipients') and 'msg' (or 'messages')");
            }
            JsonNode conn = status.path("conn");
            Long smtpOut = conn.isObject() ? count(conn, "conn", "smtpOut", "smtp-out") : null;
            JsonNode version = status.path("version");
            return new PmtaHostStatus(version.isTextual() ? clip(version.asText()) : null, recipients, messages, smtpOut);
        } catch (IllegalArgumentException e) {
            throw new UnreadablePmtaOutputException(command, e.getMessage());
        }
    }

    private static PmtaQueue queue(JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("not an object but " + describe(entry));
        }
        String domain = text(entry, "domain");
        String vmta = text(entry, "vmta", "virtualMta", "virtual-mta");
        String name = text(entry, "name", "queue");
        if ((domain == null || vmta == null) && name != null) {
            int slash = name.indexOf('/');
            if (slash <= 0 || slash == name.length() - 1) {
                throw new IllegalArgumentException("name '" + clip(name) + "' is not 'domain/vmta'");
            }
            domain = domain == null ? name.substring(0, slash) : domain;
            vmta = vmta == null ? name.substring(slash + 1) : vmta;
        }
        if (domain == null || vmta == null) {
            throw new IllegalArgumentException("neither 'name' (domain/vmta) nor 'domain' and 'vmta'");
        }
        if (!QUEUE_DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain '" + clip(domain) + "' is not a queue domain");
        }
        if (!VMTA.matcher(vmta).matches()) {
            throw new IllegalArgumentException("vmta '" + clip(vmta) + "' is not a virtual MTA name");
        }
        String queue = domain + "/" + vmta;
        Long recipients = count(entry, queue, "rcp", "recipients");
        if (recipients == null) {
            throw new IllegalArgumentException(queue + ": no recipient count ('rcp' or 'recipients')");
        }
        Long messages = count(entry, queue, "msg", "messages");
        Long kb = count(entry, queue, "kb");
        Long connections = count(entry, queue, "conn", "connections");
        JsonNode paused = entry.path("paused");
        return new PmtaQueue(domain.toLowerCase(Locale.ROOT), vmta, recipients, messages == null ? recipients : messages,
                kb, connections == null ? null : Math.toIntExact(connections), paused.isBoolean() ? paused.asBoolean()
                : paused.isTextual() && paused.asText().equalsIgnoreCase("yes"));
    }

    private static JsonNode parse(String command, String output) {
        if (output == null || output.isBlank()) {
            throw new UnreadablePmtaOutputException(command, "empty answer");
        }
        try {
            return JSON.readTree(output);
        } catch (JsonProcessingException e) {
            throw new UnreadablePmtaOutputException(command, "not JSON (" + clip(e.getOriginalMessage()) + "), starts with '"
                    + clip(output.strip()) + "'");
        }
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return null;
    }

    /** The first present field of the names: a non-negative integer, as a number or a string of digits. */
    private static Long count(JsonNode node, String where, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.canConvertToExactIntegral() && value.isNumber() && value.asLong() >= 0) {
                return value.asLong();
            }
            if (value.isTextual() && value.asText().trim().matches("[0-9]{1,18}")) {
                return Long.parseLong(value.asText().trim());
            }
            throw new IllegalArgumentException(where + ": '" + name + "' is not a count: " + clip(value.toString()));
        }
        return null;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext() && keys.size() < 10) {
                keys.add(clip(names.next()));
            }
            return "an object with keys " + keys;
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Host output is echoed in errors; keep it short and on one line. */
    private static String clip(String text) {
        String line = text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
        return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "…";
    }
}

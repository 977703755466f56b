package io.emailengine.alerting.domain;

import io.emailengine.events.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Telegram text of a group notification: one message summarises the whole group (counts,
 * then the most severe and most frequent alerts), so a storm of thousands of alerts reads as one
 * incident. Every value from outside is escaped; the result never exceeds Telegram's limit.
 */
public final class GroupMessage {

    static final int LISTED_ALERTS = 10;
    static final int DETAILS_LENGTH = 300;

    private GroupMessage() {
    }

    public static String firing(String tenant, String groupValue, List<GroupMember> members) {
        List<GroupMember> firing = members.stream().filter(GroupMember::firingUnmuted)
                .sorted(Comparator.comparing(GroupMember::severity).reversed()
                        .thenComparing(Comparator.comparingLong(GroupMember::occurrences).reversed())
                        .thenComparing(GroupMember::fingerprint))
                .toList();
        long muted = members.stream().filter(m -> m.firing() && m.muted()).count();
        long resolved = members.stream().filter(m -> !m.firing()).count();
        Severity top = firing.isEmpty() ? Severity.INFO : firing.get(0).severity();
        StringBuilder text = new StringBuilder();
        text.append(icon(top)).append(" <b>FIRING</b> · ").append(top.wireName().toUpperCase()).append(" · ")
                .append(TelegramHtml.escape(tenantLabel(tenant))).append('\n');
        text.append("<b>").append(TelegramHtml.escape(groupValue)).append("</b> — ").append(firing.size())
                .append(firing.size() == 1 ? " alert firing" : " alerts firing");
        if (muted > 0) {
            text.append(", ").append(muted).append(" silenced");
        }
        if (resolved > 0) {
            text.append(", ").append(resolved).append(" resolved");
        }
        text.append('\n');
        appendList(text, firing);
        return TelegramHtml.truncate(text.toString(), TelegramHtml.MAX_LENGTH);
    }

    public static String resolved(String tenant, String groupValue, List<GroupMember> members) {
        List<GroupMember> sorted = members.stream().sorted(Comparator.comparing(GroupMember::severity).reversed()
                .thenComparing(GroupMember::fingerprint)).toList();
        StringBuilder text = new StringBuilder();
        text.append("✅ <b>RESOLVED</b> · ").append(TelegramHtml.escape(tenantLabel(tenant))).append('\n');
        text.append("<b>").append(TelegramHtml.escape(groupValue)).append("</b> — ")
                .append(sorted.size() == 1 ? "the alert" : "all " + sorted.size() + " alerts").append(" resolved\n");
        appendList(text, sorted);
        return TelegramHtml.truncate(text.toString(), TelegramHtml.MAX_LENGTH);
    }

    public static String test(String tenant, String requestedBy) {
        return "🧪 <b>Test notification</b> · " + TelegramHtml.escape(tenantLabel(tenant))
                + "\nRequested by API key <code>" + TelegramHtml.escape(requestedBy) + "</code>. Alert delivery works.";
    }

    private static void appendList(StringBuilder text, List<GroupMember> listed) {
        for (GroupMember member : listed.subList(0, Math.min(LISTED_ALERTS, listed.size()))) {
            text.append("\n• <b>").append(TelegramHtml.escape(member.summary())).append("</b>");
            if (member.occurrences() > 1) {
                text.append(" ×").append(member.occurrences());
            }
            if (member.details() != null && !member.details().isBlank()) {
                text.append("\n  <i>").append(TelegramHtml.escape(shorten(member.details()))).append("</i>");
            }
            String labels = labelLine(member.labels());
            if (!labels.isEmpty()) {
                text.append("\n  <code>").append(TelegramHtml.escape(labels)).append("</code>");
            }
        }
        if (listed.size() > LISTED_ALERTS) {
            text.append("\n…and ").append(listed.size() - LISTED_ALERTS).append(" more");
        }
    }

    private static String labelLine(Map<String, String> labels) {
        return labels.entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
                .map(e -> e.getKey() + "=" + shorten(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Shortens raw text before escaping, never splitting a surrogate pair. */
    private static String shorten(String raw) {
        if (raw.length() <= DETAILS_LENGTH) {
            return raw;
        }
        int end = DETAILS_LENGTH;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end) + "…";
    }

    private static String tenantLabel(String tenant) {
        return tenant == null ? "system" : tenant;
    }

    private static String icon(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "🔴";
            case WARNING -> "🟠";
            case INFO -> "🔵";
        };
    }
}

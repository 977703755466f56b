package io.emailengine.alerting.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Text for Telegram's HTML parse mode. Everything that comes from outside (summaries, bounce
 * diagnostics, label values) goes through {@link #escape}; our own markup uses only simple tags
 * without attributes, which {@link #truncate} understands well enough to never cut one.
 */
public final class TelegramHtml {

    /** Telegram's limit for a message text. */
    public static final int MAX_LENGTH = 4096;
    private static final String ELLIPSIS = "…";

    private TelegramHtml() {
    }

    /** Escapes {@code &} first (so no entity is double-escaped later), then {@code <} and {@code >}. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Shortens HTML to at most {@code limit} characters: cuts only between a whole tag, a whole
     * entity or a whole character (never inside a surrogate pair), appends an ellipsis and closes
     * the tags still open at the cut, so the result is still well-formed.
     */
    public static String truncate(String html, int limit) {
        if (html.length() <= limit) {
            return html;
        }
        Deque<String> open = new ArrayDeque<>();
        int bestCut = 0;
        String bestClosing = "";
        int i = 0;
        while (i < html.length()) {
            int tokenEnd = tokenEnd(html, i);
            String token = html.substring(i, tokenEnd);
            if (token.startsWith("</")) {
                open.pollFirst();
            } else if (token.startsWith("<")) {
                open.push(tagName(token));
            }
            i = tokenEnd;
            String closing = closing(open);
            if (i + ELLIPSIS.length() + closing.length() <= limit) {
                bestCut = i;
                bestClosing = closing;
            } else if (i > limit) {
                break;
            }
        }
        return html.substring(0, bestCut) + ELLIPSIS + bestClosing;
    }

    /** The same message without markup, for a plain-text resend: tags dropped, entities decoded ({@code &amp;} last). */
    public static String toPlainText(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private static int tokenEnd(String html, int start) {
        char c = html.charAt(start);
        if (c == '<') {
            int end = html.indexOf('>', start);
            return end < 0 ? html.length() : end + 1;
        }
        if (c == '&') {
            int end = html.indexOf(';', start);
            return end < 0 || end - start > 10 ? start + 1 : end + 1;
        }
        if (Character.isHighSurrogate(c) && start + 1 < html.length()) {
            return start + 2;
        }
        return start + 1;
    }

    private static String tagName(String tag) {
        int end = 1;
        while (end < tag.length() && Character.isLetterOrDigit(tag.charAt(end))) {
            end++;
        }
        return tag.substring(1, end);
    }

    private static String closing(Deque<String> open) {
        if (open.isEmpty()) {
            return "";
        }
        StringBuilder closing = new StringBuilder();
        for (Iterator<String> it = open.iterator(); it.hasNext(); ) {
            closing.append("</").append(it.next()).append('>');
        }
        return closing.toString();
    }
}

package io.emailengine.mailwizz.adapter.out.mailwizz;

import com.fasterxml.jackson.databind.JsonNode;

/** MailWizz sends numbers as strings and counters as null when a page is empty; read them without failing. */
final class Lenient {

    private Lenient() {
    }

    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || current.isNull() || current.isMissingNode()) {
                return null;
            }
            current = current.get(field);
        }
        if (current == null || current.isNull() || current.isMissingNode() || current.isContainerNode()) {
            return null;
        }
        String text = current.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** A number sent as number, as string, or null/absent/garbage (→ {@code fallback}). */
    static long number(JsonNode node, String field, long fallback) {
        String text = text(node, field);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(text);
            } catch (NumberFormatException notANumber) {
                return fallback;
            }
        }
    }
}

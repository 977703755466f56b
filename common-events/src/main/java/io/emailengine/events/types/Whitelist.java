package io.emailengine.events.types;

import java.util.regex.Pattern;

/**
 * Shared whitelist check for the name-like value types. These values end up in PowerMTA config
 * lines, SQL parameters and Kafka keys, so anything outside the pattern is refused rather than
 * escaped.
 */
final class Whitelist {

    private Whitelist() {
    }

    static String require(String valueType, Pattern pattern, String value) {
        if (value == null) {
            throw new InvalidValueException(valueType, "value is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidValueException(valueType,
                    "'" + printable(value) + "' does not match " + pattern.pattern());
        }
        return value;
    }

    /** Echoes rejected input without letting control characters forge log lines. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 80));
        value.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return value.length() > 80 ? out + "..." : out.toString();
    }
}

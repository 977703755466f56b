package io.emailengine.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sending rate in PowerMTA's own terms ({@code max-msg-rate 500/h}). Kept as messages per
 * period, not as a per-second double, so that {@code 83/10m} survives the round trip exactly.
 */
public record MessageRate(long messages, Duration per) {

    /** PowerMTA grammar {@code N/[M]unit}; see the PowerMTA guide's value syntax. */
    public static final Pattern PMTA_PATTERN =
            Pattern.compile("([0-9]{1,18})/([1-9][0-9]{0,8})?(s|sec|m|min|h|hr|d|day)");

    private static final long MAX_PERIOD_SECONDS = 999_999_999L;

    public MessageRate {
        if (messages < 0) {
            throw new InvalidValueException("MessageRate", "messages must be >= 0, was " + messages);
        }
        if (per == null) {
            throw new InvalidValueException("MessageRate", "period is required");
        }
        if (per.isNegative() || per.isZero()) {
            throw new InvalidValueException("MessageRate", "period must be positive, was " + per);
        }
        if (per.getNano() != 0) {
            // PowerMTA cannot express fractions of a second.
            throw new InvalidValueException("MessageRate", "period must be whole seconds, was " + per);
        }
        if (per.getSeconds() > MAX_PERIOD_SECONDS) {
            // Keeps every rate expressible by parse(), so JSON always reads back what it wrote.
            throw new InvalidValueException("MessageRate", "period must be at most "
                    + MAX_PERIOD_SECONDS + " seconds, was " + per);
        }
    }

    public static MessageRate perMinute(long messages) {
        return new MessageRate(messages, Duration.ofMinutes(1));
    }

    public static MessageRate perHour(long messages) {
        return new MessageRate(messages, Duration.ofHours(1));
    }

    public static MessageRate perDay(long messages) {
        return new MessageRate(messages, Duration.ofDays(1));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MessageRate parse(String text) {
        Objects.requireNonNull(text, "MessageRate text");
        Matcher m = PMTA_PATTERN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidValueException("MessageRate", "'" + Whitelist.printable(text)
                    + "' is not a PowerMTA rate N/[M]unit with unit s|sec|m|min|h|hr|d|day");
        }
        long multiplier = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s", "sec" -> Duration.ofSeconds(1);
            case "m", "min" -> Duration.ofMinutes(1);
            case "h", "hr" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new MessageRate(Long.parseLong(m.group(1)), unit.multipliedBy(multiplier));
    }

    /** Canonical PowerMTA text: the largest unit that divides the period, multiplier 1 omitted. */
    @JsonValue
    public String toPmta() {
        long seconds = per.getSeconds();
        String unit;
        long count;
        if (seconds % 86_400 == 0) {
            unit = "d";
            count = seconds / 86_400;
        } else if (seconds % 3_600 == 0) {
            unit = "h";
            count = seconds / 3_600;
        } else if (seconds % 60 == 0) {
            unit = "m";
            count = seconds / 60;
        } else {
            unit = "s";
            count = seconds;
        }
        return messages + "/" + (count == 1 ? "" : Long.toString(count)) + unit;
    }

    @Override
    public String toString() {
        return toPmta();
    }
}

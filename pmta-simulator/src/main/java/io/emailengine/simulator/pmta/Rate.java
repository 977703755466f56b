package io.emailengine.simulator.pmta;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PowerMTA rate: {@code N/[M]unit} with unit s|sec|m|min|h|hr|d|day ({@code 500/h}, {@code 83/10m}) or
 * {@code unlimited}. A zero rate ({@code 0/h}) holds the queue: that is how the engine pauses a provider.
 *
 * @param count         messages per period (ignored when unlimited)
 * @param periodSeconds length of the period in seconds
 * @param text          the value as written in the config
 */
public record Rate(long count, long periodSeconds, boolean unlimited, String text) {

    private static final Pattern GRAMMAR = Pattern.compile("([0-9]{1,9})/([1-9][0-9]{0,5})?(s|sec|m|min|h|hr|d|day)");

    /** @throws IllegalArgumentException with what the grammar is */
    public static Rate parse(String text) {
        if ("unlimited".equals(text)) {
            return new Rate(0, 1, true, text);
        }
        Matcher m = text == null ? null : GRAMMAR.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected N/[M]unit with unit s|sec|m|min|h|hr|d|day (e.g. 500/h, 83/10m) or 'unlimited'");
        }
        long multiplier = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        long unit = switch (m.group(3)) {
            case "s", "sec" -> 1;
            case "m", "min" -> 60;
            case "h", "hr" -> 3600;
            default -> 86_400;
        };
        return new Rate(Long.parseLong(m.group(1)), multiplier * unit, false, text);
    }

    public double perSecond() {
        return unlimited ? Double.POSITIVE_INFINITY : (double) count / periodSeconds;
    }

    public double perHour() {
        return perSecond() * 3600;
    }

    /** A zero rate: PowerMTA sends nothing on this queue. */
    public boolean zero() {
        return !unlimited && count == 0;
    }

    @Override
    public String toString() {
        return text;
    }
}

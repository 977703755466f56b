package io.emailengine.bounceingest.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * PowerMTA times: ISO-like {@code 2026-11-20 08:00:03+0000} by default, Unix seconds with
 * {@code iso-times no}. The common ISO shape is parsed by position because it is on every record
 * and a formatter costs several times more; anything else goes through a lenient formatter.
 */
public final class AccountingTime {

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HHmm", "Z")
            .toFormatter();
    private static final DateTimeFormatter LENIENT_COLON = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private AccountingTime() {
    }

    /** @throws IllegalArgumentException naming the text when it is neither form */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("time is missing");
        }
        String value = text.trim();
        if (isUnix(value)) {
            return unix(value);
        }
        Instant fast = fastIso(value);
        if (fast != null) {
            return fast;
        }
        for (DateTimeFormatter formatter : new DateTimeFormatter[] {LENIENT, LENIENT_COLON}) {
            try {
                return OffsetDateTime.parse(value, formatter).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next accepted shape
            }
        }
        throw new IllegalArgumentException("time '" + excerpt(value) + "' is neither 'yyyy-MM-dd HH:mm:ss+hhmm' nor Unix seconds");
    }

    private static boolean isUnix(String value) {
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1 && value.length() <= 20 && value.charAt(0) != '.';
    }

    private static Instant unix(String value) {
        int dot = value.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        long nanos = 0;
        if (dot >= 0 && dot + 1 < value.length()) {
            String fraction = (value.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Long.parseLong(fraction);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** {@code yyyy-MM-dd HH:mm:ss+hhmm}, exactly 24 characters; null when the shape differs. */
    private static Instant fastIso(String v) {
        if (v.length() != 24 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != ' '
                || v.charAt(13) != ':' || v.charAt(16) != ':' || (v.charAt(19) != '+' && v.charAt(19) != '-')) {
            return null;
        }
        try {
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 2);
            int day = digits(v, 8, 2);
            int hour = digits(v, 11, 2);
            int minute = digits(v, 14, 2);
            int second = digits(v, 17, 2);
            int offsetHours = digits(v, 20, 2);
            int offsetMinutes = digits(v, 22, 2);
            int sign = v.charAt(19) == '-' ? -1 : 1;
            // The ranges LocalDateTime.of and ZoneOffset.ofHoursMinutes check, without their objects
            // (ZoneOffset looks its instances up in a concurrent map, on every record).
            if (hour > 23 || minute > 59 || second > 59 || offsetHours > 18 || offsetMinutes > 59
                    || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second
                    - sign * (offsetHours * 3_600 + offsetMinutes * 60));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int digits(String v, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException();
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String excerpt(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}

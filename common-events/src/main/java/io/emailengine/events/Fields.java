package io.emailengine.events;

import io.emailengine.events.types.InvalidValueException;
import io.emailengine.events.types.Names;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import io.emailengine.events.types.Names;
import java.util.regex.Pattern;

/**
 * Validation and copying shared by the event records. Collections are copied into sorted,
 * unmodifiable containers so that the records are immutable and serialise in a stable order
 * (golden files compare textually).
 */
final class Fields {

    /** Host names written into PowerMTA config: letters, digits, hyphens, at least two labels. */
    static final Pattern HOSTNAME = Names.HOSTNAME;
    /** DKIM selectors, PowerMTA pool names. */
    static final Pattern TOKEN = Names.TOKEN;
    /** Machine-readable codes: signal codes, label keys, service names. */
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Fields() {
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static String requiredText(String value, String field) {
        if (required(value, field).isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Producers often map empty CSV cells to "", which means the same as absent. */
    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String matching(String value, Pattern pattern, String field) {
        if (!pattern.matcher(required(value, field)).matches()) {
            throw new IllegalArgumentException(field + " does not match " + pattern.pattern());
        }
        return value;
    }

    static String optionalMatching(String value, Pattern pattern, String field) {
        String text = optionalText(value);
        return text == null ? null : matching(text, pattern, field);
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static int atLeast(int value, int minimum, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be >= " + minimum + ", was " + value);
        }
        return value;
    }

    static <K extends Comparable<K>, V> SortedMap<K, V> sortedCopy(Map<K, V> map, String field) {
        required(map, field);
        TreeMap<K, V> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(required(key, field + " key"), required(value, field + "." + key)));
        return Collections.unmodifiableSortedMap(copy);
    }

    static <E extends Comparable<E>> SortedSet<E> sortedCopy(Collection<E> set, String field) {
        required(set, field);
        TreeSet<E> copy = new TreeSet<>();
        set.forEach(element -> copy.add(required(element, field + " element")));
        return Collections.unmodifiableSortedSet(copy);
    }

    /** Wire name of an enum constant: lowercase, so Java naming never leaks onto the wire. */
    static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E fromWireName(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (wireName(constant).equals(text)) {
                return constant;
            }
        }
        Set<String> allowed = new java.util.LinkedHashSet<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(wireName(constant));
        }
        throw new InvalidValueException(type.getSimpleName(),
                "unknown value '" + text + "', expected one of " + allowed);
    }
}

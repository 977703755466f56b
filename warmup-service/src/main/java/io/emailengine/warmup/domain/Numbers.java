package io.emailengine.warmup.domain;

import java.util.Locale;

/** Formatting of numbers in decision reasons, so that every reason reads the same way. */
final class Numbers {

    private Numbers() {
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    static String factor(double factor) {
        return String.format(Locale.ROOT, "×%.2f", factor);
    }
}

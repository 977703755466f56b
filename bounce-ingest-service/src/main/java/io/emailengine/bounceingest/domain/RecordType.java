package io.emailengine.bounceingest.domain;

import java.util.Locale;

/** PowerMTA accounting record types (column {@code type}). */
public enum RecordType {
    /** delivered */
    D,
    /** bounce: final failure, expiry included */
    B,
    /** transient failure of one delivery attempt */
    T,
    /** queue-level transient failure */
    TQ,
    /** received (accepted from the injector); not an outcome */
    R,
    /** remote (asynchronous) bounce */
    RB,
    /** remote status, e.g. a delayed DSN */
    RS,
    /** feedback-loop complaint */
    F;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for a type PowerMTA does not define (the caller rejects the line, naming the type). */
    public static RecordType fromCode(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.trim()) {
            case "d" -> D;
            case "b" -> B;
            case "t" -> T;
            case "tq" -> TQ;
            case "r" -> R;
            case "rb" -> RB;
            case "rs" -> RS;
            case "f" -> F;
            default -> null;
        };
    }
}

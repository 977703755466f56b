package io.emailengine.alerting.domain;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a silence or an inhibition rule. A missing label matches as the empty
 * string (Alertmanager's rule). Regular expressions are anchored, limited in length, and run with
 * a step budget, so a hostile pattern such as {@code (a+)+$} can't stall the evaluator.
 */
public record LabelMatcher(String name, MatchOperator operator, String value) {

    public static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final int MAX_VALUE_LENGTH = 256;
    /** Character reads allowed per match; generous for label values (at most a few hundred chars). */
    static final int REGEX_STEP_BUDGET = 100_000;

    public LabelMatcher {
        if (name == null || !LABEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("matcher name must match " + LABEL_NAME.pattern());
        }
        Objects.requireNonNull(operator, "matcher operator is required");
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("matcher value of '" + name + "' is required and at most "
                    + MAX_VALUE_LENGTH + " characters");
        }
        if (isRegex(operator)) {
            compile(name, value);
        }
    }

    public static LabelMatcher of(String name, String symbol, String value) {
        return new LabelMatcher(name, MatchOperator.ofSymbol(symbol), value);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regexMatches(actual);
            case NOT_REGEX -> !regexMatches(actual);
        };
    }

    private boolean regexMatches(String actual) {
        try {
            return compile(name, value).matcher(new BudgetedChars(actual, REGEX_STEP_BUDGET)).matches();
        } catch (BudgetedChars.BudgetExceeded e) {
            // A pattern that explodes on this input silences nothing: an alert must never vanish by accident.
            return false;
        }
    }

    private static boolean isRegex(MatchOperator operator) {
        return operator == MatchOperator.REGEX || operator == MatchOperator.NOT_REGEX;
    }

    private static Pattern compile(String name, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("matcher value of '" + name + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    @Override
    public String toString() {
        return name + operator.symbol() + '"' + value + '"';
    }

    /** A char sequence that stops a runaway regular expression after a fixed number of reads. */
    private static final class BudgetedChars implements CharSequence {
        private final String text;
        private final int[] remaining;

        BudgetedChars(String text, int budget) {
            this(text, new int[] {budget});
        }

        private BudgetedChars(String text, int[] remaining) {
            this.text = text;
            this.remaining = remaining;
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(text.substring(start, end), remaining);
        }

        @Override
        public String toString() {
            return text;
        }

        static final class BudgetExceeded extends RuntimeException {
            BudgetExceeded() {
                super("regular expression step budget exceeded", null, false, false);
            }
        }
    }
}

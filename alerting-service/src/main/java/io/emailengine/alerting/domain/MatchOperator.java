package io.emailengine.alerting.domain;

import java.util.Arrays;

/** How a silence matcher compares a label value, as in Alertmanager. */
public enum MatchOperator {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String symbol;

    MatchOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static MatchOperator ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("matcher operator must be one of =, !=, =~, !~ (was '"
                        + symbol + "')"));
    }
}

package io.emailengine.bounceingest.domain;

import io.emailengine.events.types.Provider;
import java.util.List;

/** Ordered signal rules; the first match wins, so specific codes go before generic ones. */
public record SignalTable(List<SignalRule> rules) {

    /**
     * Built-in signals (see the provider signals in the PowerMTA reference). Yahoo and Microsoft
     * codes come first because their texts also carry generic 4.7.0-style statuses.
     */
    public static final List<SignalRule> DEFAULT_RULES = List.of(
            SignalRule.of("yahoo-tss04", null, "\\[TSS04\\]", false),
            SignalRule.of("yahoo-ts01", null, "\\[TS01\\]", true),
            SignalRule.of("yahoo-ts02", null, "\\[TS02\\]", true),
            SignalRule.of("yahoo-ts03", null, "\\[TS03\\]", true),
            SignalRule.of("microsoft-s3150", null, "\\bS3150\\b", true),
            SignalRule.of("microsoft-s3140", null, "\\bS3140\\b", true),
            SignalRule.of("microsoft-s775", null, "\\bS775\\b", false),
            SignalRule.of("microsoft-s3114", null, "\\bS3114\\b", false),
            SignalRule.of("gmail-421-4.7.28", null, "\\b421[- ]4\\.7\\.28\\b", false),
            SignalRule.of("gmail-421-4.7.0", "gmail", "\\b421[- ]4\\.7\\.0(?![.0-9])", false),
            SignalRule.of("gmail-550-5.7.1", "gmail", "\\b550[- ]5\\.7\\.1(?![.0-9])", true),
            SignalRule.of("server-busy", null, "(?i)\\bserver busy\\b", false));

    public SignalTable {
        rules = List.copyOf(rules);
    }

    public static SignalTable defaults() {
        return new SignalTable(DEFAULT_RULES);
    }

    /** The first rule matching the diagnostic for this provider, or null. */
    public SignalRule match(String diagnostic, Provider provider) {
        if (diagnostic == null || diagnostic.isEmpty()) {
            return null;
        }
        for (SignalRule rule : rules) {
            if (rule.matches(diagnostic, provider)) {
                return rule;
            }
        }
        return null;
    }
}

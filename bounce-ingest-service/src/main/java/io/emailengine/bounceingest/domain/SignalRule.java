package io.emailengine.bounceingest.domain;

import io.emailengine.events.types.Provider;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A provider reputation signal recognised in the diagnostic text.
 *
 * @param code     stable name published as the signal code, e.g. {@code gmail-421-4.7.28}
 * @param provider only for mail towards this provider; null for any provider
 * @param pattern  searched (not matched whole) in {@code dsnDiag}
 * @param block    true when the provider refuses the IP (published as kind {@code block}); false for
 *                 a rate-limit signal that leaves the record's own kind (deferral, soft) unchanged
 */
public record SignalRule(String code, Provider provider, Pattern pattern, boolean block) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public SignalRule {
        Objects.requireNonNull(code, "signal code is required");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("signal code '" + code + "' must match " + CODE.pattern());
        }
        Objects.requireNonNull(pattern, "signal " + code + ": pattern is required");
    }

    public static SignalRule of(String code, String provider, String regex, boolean block) {
        return new SignalRule(code, provider == null ? null : Provider.of(provider), Pattern.compile(regex), block);
    }

    boolean matches(String diagnostic, Provider recordProvider) {
        return (provider == null || provider.equals(recordProvider)) && pattern.matcher(diagnostic).find();
    }
}

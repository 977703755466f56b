package io.emailengine.bounceingest.domain;

import io.emailengine.events.types.Provider;
import java.util.Locale;
import java.util.Set;

/**
 * The classification rules. Hard (suppress the address) only for final failures whose bounce
 * category blames the address; a provider block signal wins over everything else because it is the
 * IP's reputation, not the recipient, that failed, and suppressing on it would lose good addresses.
 */
public final class Classifier {

    public static final Set<String> HARD_CATEGORIES = Set.of("bad-mailbox", "bad-domain", "inactive-mailbox");
    private static final Set<String> SUCCESS_ACTIONS = Set.of("delivered", "relayed", "expanded");

    private final SignalTable signals;

    public Classifier(SignalTable signals) {
        this.signals = signals;
    }

    public Classification classify(RecordType type, String bounceCategory, String dsnAction, String diagnostic,
                                   Provider provider) {
        return switch (type) {
            case D -> new Classification(Outcome.DELIVERED, null, false);
            case R -> new Classification(Outcome.IGNORED, null, false);
            case F -> new Classification(Outcome.COMPLAINT, null, false);
            case B, RB -> failure(isHard(bounceCategory) ? Outcome.HARD : Outcome.SOFT, diagnostic, provider, false);
            case T, TQ -> failure(Outcome.DEFERRAL, diagnostic, provider, true);
            case RS -> dsnAction != null && SUCCESS_ACTIONS.contains(dsnAction.trim().toLowerCase(Locale.ROOT))
                    ? new Classification(Outcome.IGNORED, null, false)
                    : failure(Outcome.DEFERRAL, diagnostic, provider, true);
        };
    }

    private Classification failure(Outcome base, String diagnostic, Provider provider, boolean deferred) {
        SignalRule signal = signals.match(diagnostic, provider);
        if (signal != null && signal.block()) {
            return new Classification(Outcome.BLOCK, signal, deferred);
        }
        return new Classification(base, signal, deferred);
    }

    private static boolean isHard(String bounceCategory) {
        return bounceCategory != null && HARD_CATEGORIES.contains(bounceCategory.trim().toLowerCase(Locale.ROOT));
    }
}

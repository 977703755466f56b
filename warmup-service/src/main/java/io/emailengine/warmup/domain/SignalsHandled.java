package io.emailengine.warmup.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which provider signals of one IP × provider have already been reacted to, so that neither the
 * immediate reaction to a {@code BounceReceived} nor the next tick reacts to them again.
 *
 * <p>Per severity level ({@link SignalAction}): signals of a rule at that level, logged before the
 * level's instant, count no more. A reaction marks its own level and every milder one handled up to
 * the end of its window (the rest of a burst, and mail already queued before PowerMTA applied the new
 * limit, are part of the same reaction), yet a more severe signal still reacts: after a cut, a
 * Microsoft S3150 still pauses. A resume marks every level handled up to the resume, so a new signal
 * after a pause reacts again.
 */
public record SignalsHandled(Map<SignalAction, Instant> until) {

    public static final SignalsHandled NOTHING = new SignalsHandled(Map.of());

    public SignalsHandled {
        EnumMap<SignalAction, Instant> copy = new EnumMap<>(SignalAction.class);
        if (until != null) {
            until.forEach((action, instant) -> {
                if (action != null && instant != null) {
                    copy.put(action, instant);
                }
            });
        }
        until = Map.copyOf(copy);
    }

    /** Every signal logged before {@code instant} is handled, whatever its severity. */
    public static SignalsHandled allBefore(Instant instant) {
        EnumMap<SignalAction, Instant> all = new EnumMap<>(SignalAction.class);
        for (SignalAction action : SignalAction.values()) {
            all.put(action, instant);
        }
        return new SignalsHandled(all);
    }

    /** Whether signals of this rule logged in the bucket starting at {@code bucketStart} were already handled. */
    public boolean absorbs(SignalRule rule, Instant bucketStart) {
        Instant handled = until.get(rule.action());
        return handled != null && bucketStart.isBefore(handled);
    }

    /** After a reaction of severity {@code action}: that level and every milder one handled up to {@code instant}. */
    public SignalsHandled afterReaction(SignalAction action, Instant instant) {
        EnumMap<SignalAction, Instant> next = new EnumMap<>(SignalAction.class);
        next.putAll(until);
        for (SignalAction level : SignalAction.values()) {
            if (level.severityRank() >= action.severityRank()) {
                next.merge(level, instant, (old, fresh) -> old.isAfter(fresh) ? old : fresh);
            }
        }
        return new SignalsHandled(next);
    }

    public Instant until(SignalAction action) {
        return until.get(action);
    }
}

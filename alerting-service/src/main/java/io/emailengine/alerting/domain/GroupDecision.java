package io.emailengine.alerting.domain;

import java.time.Instant;

/** The evaluator's verdict on one group at one instant. */
public sealed interface GroupDecision {

    /** Nothing to say now; look again at {@code at}. */
    record Wait(Instant at) implements GroupDecision {
    }

    /** Send a message about what fires now (first message, a change, or a reminder); look again at {@code next}. */
    record NotifyFiring(String digest, Instant next) implements GroupDecision {
    }

    /** Everything in the group resolved after it was announced: send the resolve message and close the episode. */
    record NotifyResolved() implements GroupDecision {
    }

    /** Everything resolved before anything was announced: close the episode quietly. */
    record CloseQuietly() implements GroupDecision {
    }
}

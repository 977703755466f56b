package io.emailengine.warmup.domain;

import java.util.Optional;

/** Result of evaluating one IP × provider: the next state and the decision, if anything was decided. */
public record Evaluation(ProviderWarmup next, Optional<Decision> decision) {

    static Evaluation unchanged(ProviderWarmup state) {
        return new Evaluation(state, Optional.empty());
    }

    static Evaluation of(ProviderWarmup next, Decision decision) {
        return new Evaluation(next, Optional.of(decision));
    }
}

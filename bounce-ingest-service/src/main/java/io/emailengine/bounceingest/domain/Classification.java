package io.emailengine.bounceingest.domain;

/**
 * @param outcome       what the record means
 * @param signal        the provider signal found in the diagnostic, or null
 * @param deferredPhase for a block: whether the refusal was transient (t/tq/rs), so counters can
 *                      keep deferrals and soft bounces apart
 */
public record Classification(Outcome outcome, SignalRule signal, boolean deferredPhase) {

    public String signalCode() {
        return signal == null ? null : signal.code();
    }
}

package io.emailengine.warmup.domain;

import io.emailengine.events.types.Provider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluated change (or deliberate non-change) of one IP × provider, with the reason and the
 * numbers that caused it: rates, sample sizes, thresholds and signal codes.
 */
public record Decision(
        Provider provider,
        DecisionKind kind,
        int fromStage,
        int toStage,
        long fromDaily,
        long toDaily,
        int warmupDay,
        String reason,
        Map<String, Object> numbers,
        List<String> signalCodes,
        AlertIntent alert) {

    public Decision {
        numbers = numbers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        signalCodes = List.copyOf(signalCodes == null ? List.of() : signalCodes);
        alert = alert == null ? AlertIntent.NONE : alert;
    }

    /** Whether PowerMTA and MailWizz must hear of it: the quota or the paused state changed. */
    public boolean changesLimits() {
        return fromDaily != toDaily || kind == DecisionKind.PAUSE || kind == DecisionKind.RESUME
                || kind == DecisionKind.START || kind == DecisionKind.COLD || kind == DecisionKind.OVERRIDE;
    }
}

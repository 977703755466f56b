package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.AlertOccurrence;
import io.emailengine.alerting.domain.StoredAlert;
import io.emailengine.events.AlertStatus;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** Use case: what operators read — current alerts and their history. */
@Service
public class AlertQueries {

    public static final int MAX_LIMIT = 1000;

    private final AlertStore store;
    private final Muting muting;
    private final Clock clock;

    public AlertQueries(AlertStore store, Muting muting, Clock clock) {
        this.store = store;
        this.muting = muting;
        this.clock = clock;
    }

    /** An alert with whether a silence or an inhibition mutes it right now. */
    public record AlertState(StoredAlert alert, boolean muted) {
    }

    public List<AlertState> alerts(String tenant, String status, int limit) {
        if (status != null && !status.equals("firing") && !status.equals("resolved")) {
            throw new IllegalArgumentException("status: must be firing or resolved");
        }
        Muting.Snapshot mutes = muting.at(tenant, clock.instant());
        return store.list(tenant, status, clamp(limit)).stream()
                .map(alert -> new AlertState(alert, alert.status() == AlertStatus.FIRING && mutes.mutes(alert)))
                .toList();
    }

    public List<AlertOccurrence> history(String tenant, String fingerprint, Long beforeId, int limit) {
        return store.history(tenant, fingerprint, beforeId == null ? Long.MAX_VALUE : beforeId, clamp(limit));
    }

    private static int clamp(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}

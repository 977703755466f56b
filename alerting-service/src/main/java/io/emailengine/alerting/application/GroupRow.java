package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.GroupState;

/** A notification group as stored. */
public record GroupRow(String key, String tenant, String groupValue, Destination destination, boolean open,
                       GroupState state, int seq) {
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;

/** A message for the send queue; (groupKey, seq) identifies it, so enqueuing it twice is harmless. */
public record OutboundNotification(String groupKey, int seq, String tenant, String kind, Destination destination,
                                   String text) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    public static final String TEST = "test";
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;

/**
 * A claimed row of the send queue.
 *
 * @param resumed the previous claim of this row expired unfinished (a sender died mid-send), so
 *                Telegram may already have it: the one place a duplicate can come from
 */
public record QueuedNotification(long id, String groupKey, int seq, String kind, Destination destination,
                                 String text, boolean plainText, int attempts, boolean resumed) {
}

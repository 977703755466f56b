package io.emailengine.alerting.domain;

import java.time.Instant;

/**
 * What a notification group remembers between evaluations.
 *
 * @param episodeStartedAt when the current episode's first alert fired (group wait counts from here)
 * @param lastNotifiedAt   null until the episode's first message is queued
 * @param notifiedDigest   identity of the set of firing alerts announced last, to detect changes
 */
public record GroupState(Instant episodeStartedAt, Instant lastNotifiedAt, String notifiedDigest) {
}

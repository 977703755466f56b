package io.emailengine.alerting.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * When a notification group speaks, following Alertmanager: the first message {@code groupWait}
 * after the episode started; then at most one message per {@code groupInterval}, and only when the
 * set of (unmuted) firing alerts changed; a reminder every {@code repeatInterval} while alerts keep
 * firing; one resolve message when every alert of the group resolved. Muted alerts never cause a
 * message, and muting alone never looks like a resolve.
 */
public final class GroupPolicy {

    private final GroupTimers timers;

    public GroupPolicy(GroupTimers timers) {
        this.timers = timers;
    }

    public GroupTimers timers() {
        return timers;
    }

    public GroupDecision decide(GroupState state, List<GroupMember> members, Instant now) {
        if (members.isEmpty()) {
            // Every alert moved to another group (its severity now routes elsewhere): that is not a resolve.
            return new GroupDecision.CloseQuietly();
        }
        boolean anyFiring = members.stream().anyMatch(GroupMember::firing);
        List<String> announced = members.stream().filter(GroupMember::firingUnmuted)
                .map(GroupMember::fingerprint).sorted().toList();
        // Re-check muted groups at least every interval: a silence may expire without any new event.
        Instant recheck = now.plus(timers.groupInterval());

        if (state.lastNotifiedAt() == null) {
            if (!anyFiring) {
                return new GroupDecision.CloseQuietly();
            }
            if (announced.isEmpty()) {
                return new GroupDecision.Wait(recheck);
            }
            Instant due = state.episodeStartedAt().plus(timers.groupWait());
            if (now.isBefore(due)) {
                return new GroupDecision.Wait(due);
            }
            return new GroupDecision.NotifyFiring(digest(announced), recheck);
        }

        Instant due = state.lastNotifiedAt().plus(timers.groupInterval());
        if (now.isBefore(due)) {
            return new GroupDecision.Wait(due);
        }
        if (!anyFiring) {
            return new GroupDecision.NotifyResolved();
        }
        if (announced.isEmpty()) {
            return new GroupDecision.Wait(recheck);
        }
        String digest = digest(announced);
        Instant repeatDue = state.lastNotifiedAt().plus(timers.repeatInterval());
        if (!digest.equals(state.notifiedDigest()) || !now.isBefore(repeatDue)) {
            return new GroupDecision.NotifyFiring(digest, recheck);
        }
        return new GroupDecision.Wait(repeatDue.isBefore(recheck) ? repeatDue : recheck);
    }

    static String digest(List<String> sortedFingerprints) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String fingerprint : sortedFingerprints) {
                sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}

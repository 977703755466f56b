package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.AlertStatus;
import io.emailengine.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final GroupPolicy policy = new GroupPolicy(GroupTimers.ALERTMANAGER_DEFAULTS);

    @Test
    void waitsForTheGroupWaitBeforeTheFirstMessage() {
        GroupState fresh = new GroupState(T0, null, null);
        assertThat(policy.decide(fresh, List.of(firing("a")), T0.plusSeconds(29)))
                .isEqualTo(new GroupDecision.Wait(T0.plusSeconds(30)));
        assertThat(policy.decide(fresh, List.of(firing("a")), T0.plusSeconds(30)))
                .isInstanceOf(GroupDecision.NotifyFiring.class);
    }

    @Test
    void sendsAnUpdateOnlyAfterTheGroupIntervalAndOnlyWhenSomethingChanged() {
        String digest = ((GroupDecision.NotifyFiring) policy.decide(new GroupState(T0, null, null),
                List.of(firing("a")), T0.plusSeconds(30))).digest();
        GroupState notified = new GroupState(T0, T0.plusSeconds(30), digest);
        Instant afterInterval = T0.plusSeconds(30).plus(Duration.ofMinutes(5));
        assertThat(policy.decide(notified, List.of(firing("a"), firing("b")), afterInterval.minusSeconds(1)))
                .isEqualTo(new GroupDecision.Wait(afterInterval));
        assertThat(policy.decide(notified, List.of(firing("a"), firing("b")), afterInterval))
                .isInstanceOf(GroupDecision.NotifyFiring.class);
        assertThat(policy.decide(notified, List.of(firing("a")), afterInterval))
                .isInstanceOf(GroupDecision.Wait.class);
    }

    @Test
    void repeatsAStillFiringGroupAfterTheRepeatInterval() {
        String digest = ((GroupDecision.NotifyFiring) policy.decide(new GroupState(T0, null, null),
                List.of(firing("a")), T0.plusSeconds(30))).digest();
        GroupState notified = new GroupState(T0, T0, digest);
        assertThat(policy.decide(notified, List.of(firing("a")), T0.plus(Duration.ofHours(4)).minusSeconds(1)))
                .isInstanceOf(GroupDecision.Wait.class);
        assertThat(policy.decide(notified, List.of(firing("a")), T0.plus(Duration.ofHours(4))))
                .isInstanceOf(GroupDecision.NotifyFiring.class);
    }

    @Test
    void resolvesOnceEverythingResolvedAndClosesQuietlyWhenNothingWasAnnounced() {
        GroupState notified = new GroupState(T0, T0.plusSeconds(30), "x");
        assertThat(policy.decide(notified, List.of(resolved("a"), resolved("b")), T0.plus(Duration.ofMinutes(6))))
                .isInstanceOf(GroupDecision.NotifyResolved.class);
        assertThat(policy.decide(notified, List.of(resolved("a"), firing("b")), T0.plus(Duration.ofMinutes(6))))
                .isInstanceOf(GroupDecision.NotifyFiring.class);
        assertThat(policy.decide(new GroupState(T0, null, null), List.of(resolved("a")), T0.plusSeconds(30)))
                .isInstanceOf(GroupDecision.CloseQuietly.class);
    }

    @Test
    void groupWhoseAlertsAllMovedElsewhereClosesWithoutAResolveMessage() {
        assertThat(policy.decide(new GroupState(T0, T0, "x"), List.of(), T0.plus(Duration.ofMinutes(10))))
                .isInstanceOf(GroupDecision.CloseQuietly.class);
    }

    @Test
    void mutedAlertsNeitherNotifyNorLookResolved() {
        GroupMember muted = new GroupMember("m", Severity.WARNING, AlertStatus.FIRING, "s", null, Map.of(), 1, true);
        assertThat(policy.decide(new GroupState(T0, null, null), List.of(muted), T0.plusSeconds(60)))
                .isInstanceOf(GroupDecision.Wait.class);
        assertThat(policy.decide(new GroupState(T0, T0, "x"), List.of(muted), T0.plus(Duration.ofMinutes(10))))
                .isInstanceOf(GroupDecision.Wait.class);
    }

    private static GroupMember firing(String fingerprint) {
        return new GroupMember(fingerprint, Severity.CRITICAL, AlertStatus.FIRING, "s", null, Map.of(), 1, false);
    }

    private static GroupMember resolved(String fingerprint) {
        return new GroupMember(fingerprint, Severity.CRITICAL, AlertStatus.RESOLVED, "s", null, Map.of(), 1, false);
    }
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.GroupDecision;
import io.emailengine.alerting.domain.GroupMember;
import io.emailengine.alerting.domain.GroupMessage;
import io.emailengine.alerting.domain.GroupPolicy;
import io.emailengine.alerting.domain.StoredAlert;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case, run on a schedule: every group whose timer is due is evaluated by the
 * {@link GroupPolicy}; a message it decides on is put into the send queue in the same transaction
 * that advances the group, so a crash can neither lose it nor queue it twice.
 */
@Service
public class GroupEvaluator {

    private static final Logger log = LoggerFactory.getLogger(GroupEvaluator.class);
    private static final int BATCH = 100;

    private final GroupStore groups;
    private final AlertStore alerts;
    private final NotificationQueue queue;
    private final Muting muting;
    private final GroupPolicy policy;
    private final TransactionTemplate tx;
    private final Clock clock;

    public GroupEvaluator(GroupStore groups, AlertStore alerts, NotificationQueue queue, Muting muting,
                          GroupPolicy policy, TransactionTemplate tx, Clock clock) {
        this.groups = groups;
        this.alerts = alerts;
        this.queue = queue;
        this.muting = muting;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
    }

    /** Evaluates every due group; returns how many messages were queued. */
    public int evaluateDue() {
        Instant now = clock.instant();
        int queued = 0;
        for (String key : groups.due(now, BATCH)) {
            try {
                Integer one = tx.execute(status -> evaluate(key, now));
                queued += one == null ? 0 : one;
            } catch (RuntimeException e) {
                log.warn("Evaluating alert group {} failed, will retry on the next round: {}", key, e.toString());
            }
        }
        return queued;
    }

    private int evaluate(String key, Instant now) {
        GroupRow group = groups.lock(key).orElse(null);
        if (group == null || !group.open()) {
            return 0;
        }
        List<StoredAlert> stored = alerts.membersOf(key, group.state().episodeStartedAt());
        Muting.Snapshot mutes = muting.at(group.tenant(), now);
        List<GroupMember> members = stored.stream().map(alert -> new GroupMember(alert.fingerprint(), alert.severity(),
                alert.status(), alert.summary(), alert.details(), alert.labels(), alert.occurrences(),
                mutes.mutes(alert))).toList();

        GroupDecision decision = policy.decide(group.state(), members, now);
        if (decision instanceof GroupDecision.Wait wait) {
            groups.evaluateAgainAt(key, wait.at());
        } else if (decision instanceof GroupDecision.CloseQuietly) {
            groups.closeEpisode(key, group.seq());
        } else if (decision instanceof GroupDecision.NotifyFiring firing) {
            int seq = group.seq() + 1;
            enqueue(group, seq, OutboundNotification.FIRING,
                    GroupMessage.firing(group.tenant(), group.groupValue(), members), now);
            groups.notified(key, now, firing.digest(), seq, firing.next());
            return 1;
        } else if (decision instanceof GroupDecision.NotifyResolved) {
            int seq = group.seq() + 1;
            enqueue(group, seq, OutboundNotification.RESOLVED,
                    GroupMessage.resolved(group.tenant(), group.groupValue(), members), now);
            groups.closeEpisode(key, seq);
            return 1;
        }
        return 0;
    }

    private void enqueue(GroupRow group, int seq, String kind, String text, Instant now) {
        queue.enqueue(new OutboundNotification(group.key(), seq, group.tenant(), kind,
                queue.followMigrations(group.destination()), text), now);
    }
}

package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.Destination;
import io.emailengine.alerting.domain.GroupTimers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: notification groups and their timers. */
public interface GroupStore {

    /**
     * An alert of this group arrived: a firing one opens a new episode when the group is closed
     * (due after the group wait); on an open group it brings the next evaluation forward to the
     * earliest instant the group may speak. A resolved alert never opens a group.
     */
    void touch(GroupRef group, boolean firing, Instant now, GroupTimers timers);

    List<String> due(Instant now, int limit);

    /** Locks the group for this transaction (evaluators on several replicas never race). */
    Optional<GroupRow> lock(String groupKey);

    void notified(String groupKey, Instant at, String digest, int seq, Instant nextEvaluation);

    void closeEpisode(String groupKey, int seq);

    void evaluateAgainAt(String groupKey, Instant at);

    /** Telegram moved a group chat: groups pointing to the old chat follow. */
    void migrateChat(long fromChatId, long toChatId);

    /** What identifies a group and where it sends. */
    record GroupRef(String key, String tenant, String groupValue, String severity, Destination destination) {
    }
}

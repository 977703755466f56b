package io.emailengine.alerting.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Alertmanager's three timers: wait before a group's first message (so a burst becomes one message),
 * minimum time between two messages of a group, and the reminder period while alerts keep firing.
 */
public record GroupTimers(Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    public static final GroupTimers ALERTMANAGER_DEFAULTS =
            new GroupTimers(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));

    public GroupTimers {
        Objects.requireNonNull(groupWait, "groupWait");
        Objects.requireNonNull(groupInterval, "groupInterval");
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        if (groupWait.isNegative() || groupInterval.isNegative() || groupInterval.isZero()
                || repeatInterval.compareTo(groupInterval) < 0) {
            throw new IllegalArgumentException("group timers: wait >= 0, interval > 0 and repeat >= interval");
        }
    }
}

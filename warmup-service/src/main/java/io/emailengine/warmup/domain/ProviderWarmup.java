package io.emailengine.warmup.domain;

import io.emailengine.events.types.Provider;
import java.time.Instant;

/**
 * The warmup state of one IP with one provider.
 *
 * @param stage              index into the provider's schedule
 * @param warmupDay          sending days counted so far (days without mail do not count)
 * @param dailyQuota         what the IP may send to the provider per day now
 * @param dayStartedAt       start of the current warmup day; the day window is measured from here
 * @param pausedUntil        end of a timed pause; null with phase PAUSED means until an operator resumes
 * @param pauseReason        why it is paused (signal code or operator), null otherwise
 * @param recoveryDaysLeft   healthy days still to hold after a back-off before growing again
 * @param alerting           a warning/critical alert is firing for this IP × provider
 * @param lastActiveAt       last day the IP really sent (warm: at least the maintenance floor)
 * @param healthyDaysAtStage healthy sending days completed at the current stage (the high-volume hold counts them)
 * @param signalsHandled     provider signals already reacted to, counted neither by the tick nor by an immediate reaction
 */
public record ProviderWarmup(
        Provider provider,
        ProviderPhase phase,
        int stage,
        int warmupDay,
        long dailyQuota,
        Instant dayStartedAt,
        Instant pausedUntil,
        String pauseReason,
        int recoveryDaysLeft,
        boolean alerting,
        Instant lastActiveAt,
        int healthyDaysAtStage,
        SignalsHandled signalsHandled) {

    public ProviderWarmup {
        signalsHandled = signalsHandled == null ? SignalsHandled.NOTHING : signalsHandled;
    }

    /** A state that has not completed a healthy day at its stage yet. */
    public ProviderWarmup(Provider provider, ProviderPhase phase, int stage, int warmupDay, long dailyQuota,
                          Instant dayStartedAt, Instant pausedUntil, String pauseReason, int recoveryDaysLeft,
                          boolean alerting, Instant lastActiveAt) {
        this(provider, phase, stage, warmupDay, dailyQuota, dayStartedAt, pausedUntil, pauseReason, recoveryDaysLeft,
                alerting, lastActiveAt, 0, SignalsHandled.NOTHING);
    }

    /** A state without signals handled yet. */
    public ProviderWarmup(Provider provider, ProviderPhase phase, int stage, int warmupDay, long dailyQuota,
                          Instant dayStartedAt, Instant pausedUntil, String pauseReason, int recoveryDaysLeft,
                          boolean alerting, Instant lastActiveAt, int healthyDaysAtStage) {
        this(provider, phase, stage, warmupDay, dailyQuota, dayStartedAt, pausedUntil, pauseReason, recoveryDaysLeft,
                alerting, lastActiveAt, healthyDaysAtStage, SignalsHandled.NOTHING);
    }

    public static ProviderWarmup start(Provider provider, ProviderSchedule schedule, Instant now) {
        return new ProviderWarmup(provider, ProviderPhase.WARMING, 0, 0, schedule.volumeOf(0), now, null, null, 0,
                false, now);
    }

    public boolean paused() {
        return phase == ProviderPhase.PAUSED;
    }

    /** What the IP may send per hour, spread over its sending window; zero while paused. */
    public long hourlyQuota(int sendingHours) {
        return paused() ? 0 : Quotas.hourly(dailyQuota, sendingHours);
    }

    /** Effective daily volume announced downstream; zero while paused. */
    public long effectiveDaily() {
        return paused() ? 0 : dailyQuota;
    }

    /** A changed state; the healthy-day count at the stage survives only while the stage stays the same. */
    ProviderWarmup with(ProviderPhase newPhase, int newStage, int newDay, long newQuota, Instant newDayStart,
                        Instant newPausedUntil, String newPauseReason, int newRecovery, boolean newAlerting,
                        Instant newLastActive) {
        return new ProviderWarmup(provider, newPhase, newStage, newDay, newQuota, newDayStart, newPausedUntil,
                newPauseReason, newRecovery, newAlerting, newLastActive, newStage == stage ? healthyDaysAtStage : 0,
                signalsHandled);
    }

    ProviderWarmup withHealthyDaysAtStage(int days) {
        return new ProviderWarmup(provider, phase, stage, warmupDay, dailyQuota, dayStartedAt, pausedUntil, pauseReason,
                recoveryDaysLeft, alerting, lastActiveAt, days, signalsHandled);
    }

    ProviderWarmup withSignalsHandled(SignalsHandled handled) {
        return new ProviderWarmup(provider, phase, stage, warmupDay, dailyQuota, dayStartedAt, pausedUntil, pauseReason,
                recoveryDaysLeft, alerting, lastActiveAt, healthyDaysAtStage, handled);
    }
}

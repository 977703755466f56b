package io.emailengine.warmup.domain;

import java.time.Duration;
import java.util.List;

/**
 * Every threshold of the warmup rules. Defaults come from the reference (SparkPost 90% promotion,
 * SES/practitioner 2% hard bounces and 0.1% complaints, SES 10%/0.5% pause levels, Momentum
 * minimum samples for acting within the hour, KumoMTA/Yahoo/Microsoft signal reactions).
 *
 * @param promoteDeliveredRatio      share of the current quota that must have been delivered to promote
 * @param maxHardBounceRate          hard bounces / attempts must stay below this
 * @param maxComplaintRate           complaints / delivered must stay below this
 * @param maxDeferralRate            deferrals / (attempts + deferrals) must stay below this
 * @param pauseHardBounceRate        at or above: pause the provider until an operator resumes
 * @param pauseComplaintRate         at or above: pause the provider until an operator resumes
 * @param dayMinAttempts             attempts a day needs before its bounce and deferral rates count
 * @param dayMinDelivered            deliveries a day needs before its complaint rate counts
 * @param hourMinAttempts            attempts an hour needs before its rates may back off mid-day
 * @param hourMinDelivered           deliveries an hour needs before its complaint rate may back off mid-day
 * @param stepBackFactor             on a breach the quota becomes at most this share of the current one
 * @param recoveryHoldDays           healthy full days to hold after a back-off before growing again
 * @param maintenanceFloor           daily volume per provider that keeps a warm IP warm
 * @param idleToCold                 no sending (or below the floor when warm) for this long: back to cold
 * @param sendingDay                 length of one warmup day; only days with mail sent count
 * @param highVolumeHoldFrom         daily quota from which a stage is held for several sending days
 * @param highVolumeHoldDays         healthy sending days a stage at or above {@code highVolumeHoldFrom} is held
 *                                   before promotion (1 = no hold)
 * @param signalRules                reactions to provider block signals
 * @param signalWindow               a signal rule counts its code over this window (the tick period); after a
 *                                   reaction, signals of the same or a milder severity are handled for as long
 */
public record WarmupSettings(
        double promoteDeliveredRatio,
        double maxHardBounceRate,
        double maxComplaintRate,
        double maxDeferralRate,
        double pauseHardBounceRate,
        double pauseComplaintRate,
        long dayMinAttempts,
        long dayMinDelivered,
        long hourMinAttempts,
        long hourMinDelivered,
        double stepBackFactor,
        int recoveryHoldDays,
        long maintenanceFloor,
        Duration idleToCold,
        Duration sendingDay,
        List<SignalRule> signalRules,
        long highVolumeHoldFrom,
        int highVolumeHoldDays,
        Duration signalWindow) {

    /** Reference: "hold 3–4 sending days per level at high volume"; high volume as in the growth caps (×1.25 above 400k/day). */
    public static final long DEFAULT_HIGH_VOLUME_HOLD_FROM = 400_000;
    public static final int DEFAULT_HIGH_VOLUME_HOLD_DAYS = 3;
    /** The default tick period. */
    public static final Duration DEFAULT_SIGNAL_WINDOW = Duration.ofHours(1);

    /** With the default signal window (one hour, the default tick period). */
    public WarmupSettings(double promoteDeliveredRatio, double maxHardBounceRate, double maxComplaintRate,
                          double maxDeferralRate, double pauseHardBounceRate, double pauseComplaintRate,
                          long dayMinAttempts, long dayMinDelivered, long hourMinAttempts, long hourMinDelivered,
                          double stepBackFactor, int recoveryHoldDays, long maintenanceFloor, Duration idleToCold,
                          Duration sendingDay, List<SignalRule> signalRules, long highVolumeHoldFrom, int highVolumeHoldDays) {
        this(promoteDeliveredRatio, maxHardBounceRate, maxComplaintRate, maxDeferralRate, pauseHardBounceRate,
                pauseComplaintRate, dayMinAttempts, dayMinDelivered, hourMinAttempts, hourMinDelivered, stepBackFactor,
                recoveryHoldDays, maintenanceFloor, idleToCold, sendingDay, signalRules, highVolumeHoldFrom,
                highVolumeHoldDays, DEFAULT_SIGNAL_WINDOW);
    }

    /** Without the high-volume hold settings: the reference's defaults. */
    public WarmupSettings(double promoteDeliveredRatio, double maxHardBounceRate, double maxComplaintRate,
                          double maxDeferralRate, double pauseHardBounceRate, double pauseComplaintRate,
                          long dayMinAttempts, long dayMinDelivered, long hourMinAttempts, long hourMinDelivered,
                          double stepBackFactor, int recoveryHoldDays, long maintenanceFloor, Duration idleToCold,
                          Duration sendingDay, List<SignalRule> signalRules) {
        this(promoteDeliveredRatio, maxHardBounceRate, maxComplaintRate, maxDeferralRate, pauseHardBounceRate,
                pauseComplaintRate, dayMinAttempts, dayMinDelivered, hourMinAttempts, hourMinDelivered, stepBackFactor,
                recoveryHoldDays, maintenanceFloor, idleToCold, sendingDay, signalRules, DEFAULT_HIGH_VOLUME_HOLD_FROM,
                DEFAULT_HIGH_VOLUME_HOLD_DAYS, DEFAULT_SIGNAL_WINDOW);
    }

    public WarmupSettings {
        ratio(promoteDeliveredRatio, "promoteDeliveredRatio");
        ratio(maxHardBounceRate, "maxHardBounceRate");
        ratio(maxComplaintRate, "maxComplaintRate");
        ratio(maxDeferralRate, "maxDeferralRate");
        ratio(pauseHardBounceRate, "pauseHardBounceRate");
        ratio(pauseComplaintRate, "pauseComplaintRate");
        if (pauseHardBounceRate < maxHardBounceRate || pauseComplaintRate < maxComplaintRate) {
            throw new IllegalArgumentException("pause rates must be at least the back-off rates");
        }
        if (stepBackFactor <= 0 || stepBackFactor >= 1) {
            throw new IllegalArgumentException("stepBackFactor must be in (0, 1), was " + stepBackFactor);
        }
        if (dayMinAttempts < 1 || dayMinDelivered < 1 || hourMinAttempts < 1 || hourMinDelivered < 1) {
            throw new IllegalArgumentException("minimum samples must be >= 1");
        }
        if (recoveryHoldDays < 0 || maintenanceFloor < 0) {
            throw new IllegalArgumentException("recoveryHoldDays and maintenanceFloor must be >= 0");
        }
        if (idleToCold == null || sendingDay == null || sendingDay.isZero() || sendingDay.isNegative()) {
            throw new IllegalArgumentException("idleToCold and a positive sendingDay are required");
        }
        signalRules = List.copyOf(signalRules == null ? List.of() : signalRules);
        if (highVolumeHoldFrom < 1 || highVolumeHoldDays < 1) {
            throw new IllegalArgumentException("highVolumeHoldFrom and highVolumeHoldDays must be >= 1, were "
                    + highVolumeHoldFrom + " and " + highVolumeHoldDays);
        }
        if (signalWindow == null || signalWindow.isZero() || signalWindow.isNegative()) {
            throw new IllegalArgumentException("signalWindow must be positive, was " + signalWindow);
        }
    }

    /** Healthy sending days a stage with this daily quota is held before promotion. */
    public int holdDaysAt(long dailyQuota) {
        return dailyQuota >= highVolumeHoldFrom ? highVolumeHoldDays : 1;
    }

    public static WarmupSettings defaults() {
        return new WarmupSettings(0.90, 0.02, 0.001, 0.10, 0.10, 0.005,
                100, 1_000, 2_000, 20_000,
                0.5, 1, 1_000, Duration.ofDays(30), Duration.ofDays(1), defaultSignalRules());
    }

    public static List<SignalRule> defaultSignalRules() {
        return List.of(
                new SignalRule("microsoft-s3150", SignalAction.PAUSE_UNTIL_RESUMED, null, 0, 1),
                new SignalRule("yahoo-ts03", SignalAction.PAUSE_UNTIL_RESUMED, null, 0, 1),
                new SignalRule("yahoo-tss04", SignalAction.PAUSE_FOR, Duration.ofHours(2), 0, 1),
                new SignalRule("microsoft-s775", SignalAction.CUT, null, 0.25, 1),
                new SignalRule("microsoft-s3114", SignalAction.CUT, null, 0.25, 1),
                new SignalRule("gmail-421-4.7.28", SignalAction.CUT, null, 0.5, 20));
    }

    private static void ratio(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }
}

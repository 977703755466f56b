package io.emailengine.warmup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The warmup rules for one IP × provider, evaluated at every tick:
 * <ol>
 * <li>a timed pause ends → resume;</li>
 * <li>a provider block signal in the signal window, not handled by an earlier reaction → pause (timed or until an
 *     operator resumes) or cut; the same rule also runs out of band, at once, when a {@code BounceReceived}
 *     carries a block signal ({@link #reactToSignals});</li>
 * <li>a breach within the last tick period, on a sufficient sample → back off now;</li>
 * <li>once per sending day: breach → back off (relative step back); short volume → hold;
 *     healthy and ≥ 90% delivered → promote (after the recovery hold that follows a back-off, and at high
 *     volume only after the stage's hold days); at the target → warm; idle too long → cold.</li>
 * </ol>
 * Pure function of its inputs; the caller persists the next state and the decision.
 */
public final class WarmupRules {

    private final WarmupSettings settings;

    public WarmupRules(WarmupSettings settings) {
        this.settings = settings;
    }

    public WarmupSettings settings() {
        return settings;
    }

    public Evaluation evaluate(ProviderWarmup state, ProviderSchedule schedule, ProviderStats stats, Instant now) {
        if (state.paused()) {
            return endOfTimedPause(state, schedule, now);
        }
        Evaluation signalled = signals(state, schedule, stats, now, now);
        if (signalled != null) {
            return signalled;
        }
        Evaluation midDay = breach(state, schedule, stats.lastHour(), "last hour", settings.hourMinAttempts(),
                settings.hourMinDelivered(), now, false);
        if (midDay != null) {
            return midDay;
        }
        if (now.isBefore(state.dayStartedAt().plus(settings.sendingDay()))) {
            return Evaluation.unchanged(state);
        }
        return endOfDay(state, schedule, stats.day(), now);
    }

    // ---- operator actions -------------------------------------------------------------------

    public Evaluation start(ProviderWarmup fresh, ProviderSchedule schedule) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("stageVolume", schedule.volumeOf(0));
        numbers.put("stages", schedule.dailyVolumes().size());
        numbers.put("target", schedule.target());
        return Evaluation.of(fresh, decision(fresh, fresh, DecisionKind.START,
                "warmup started at stage 0: " + Numbers.grouped(fresh.dailyQuota()) + "/day, target "
                        + Numbers.grouped(schedule.target()) + "/day in " + schedule.dailyVolumes().size() + " sending days",
                numbers, List.of(), AlertIntent.NONE));
    }

    public Evaluation pauseByOperator(ProviderWarmup state, String who, Instant now) {
        if (state.paused()) {
            return Evaluation.unchanged(state);
        }
        ProviderWarmup next = state.with(ProviderPhase.PAUSED, state.stage(), state.warmupDay(), state.dailyQuota(),
                state.dayStartedAt(), null, "operator:" + who, state.recoveryDaysLeft(), state.alerting(), state.lastActiveAt());
        return Evaluation.of(next, decision(state, next, DecisionKind.PAUSE, "paused by operator " + who
                + " until resumed", Map.of(), List.of(), AlertIntent.NONE));
    }

    public Evaluation resumeByOperator(ProviderWarmup state, ProviderSchedule schedule, String who, Instant now) {
        if (!state.paused()) {
            return Evaluation.unchanged(state);
        }
        ProviderWarmup next = resumed(state, schedule, now, now);
        return Evaluation.of(next, decision(state, next, DecisionKind.RESUME, "resumed by operator " + who
                        + " after pause (" + state.pauseReason() + ") at " + Numbers.grouped(next.dailyQuota()) + "/day",
                Map.of(), List.of(), state.alerting() ? AlertIntent.RESOLVE : AlertIntent.NONE));
    }

    public Evaluation overrideStage(ProviderWarmup state, ProviderSchedule schedule, int stage, String who, Instant now) {
        if (stage < 0 || stage > schedule.lastStage()) {
            throw new IllegalArgumentException("stage must be 0.." + schedule.lastStage() + ", was " + stage);
        }
        ProviderPhase phase = state.paused() ? ProviderPhase.PAUSED
                : stage == schedule.lastStage() ? ProviderPhase.WARM : ProviderPhase.WARMING;
        ProviderWarmup next = state.with(phase, stage, state.warmupDay(), schedule.volumeOf(stage), now,
                state.pausedUntil(), state.pauseReason(), 0, state.alerting(), state.lastActiveAt()).withHealthyDaysAtStage(0);
        return Evaluation.of(next, decision(state, next, DecisionKind.OVERRIDE, "stage set to " + stage + " ("
                + Numbers.grouped(next.dailyQuota()) + "/day) by admin " + who, Map.of("stageVolume", next.dailyQuota()),
                List.of(), AlertIntent.NONE));
    }

    // ---- rules ------------------------------------------------------------------------------

    private Evaluation endOfTimedPause(ProviderWarmup state, ProviderSchedule schedule, Instant now) {
        if (state.pausedUntil() == null || now.isBefore(state.pausedUntil())) {
            return Evaluation.unchanged(state);
        }
        // signals logged after the pause ended count again, even if the tick noticed the end a little later
        ProviderWarmup next = resumed(state, schedule, now, state.pausedUntil());
        return Evaluation.of(next, decision(state, next, DecisionKind.RESUME, "pause for " + state.pauseReason()
                        + " ended at " + state.pausedUntil() + "; resuming at " + Numbers.grouped(next.dailyQuota()) + "/day",
                Map.of("pausedUntil", state.pausedUntil().toString()), List.of(), AlertIntent.RESOLVE));
    }

    /** Signals logged before {@code signalsHandledBefore} were handled by the pause and count no more. */
    private ProviderWarmup resumed(ProviderWarmup state, ProviderSchedule schedule, Instant now, Instant signalsHandledBefore) {
        ProviderPhase phase = state.stage() >= schedule.lastStage() && state.dailyQuota() >= schedule.target()
                ? ProviderPhase.WARM : ProviderPhase.WARMING;
        return state.with(phase, state.stage(), state.warmupDay(), state.dailyQuota(), now, null, null,
                state.recoveryDaysLeft(), false, state.lastActiveAt())
                .withSignalsHandled(SignalsHandled.allBefore(signalsHandledBefore));
    }

    /**
     * The signal rules alone, out of band: a {@code BounceReceived} carried a block signal. Same rules and
     * counting as at the tick; a pause in force is neither re-applied nor re-alerted, and promotions,
     * holds and rate back-offs stay on the tick.
     */
    public Evaluation reactToSignals(ProviderWarmup state, ProviderSchedule schedule, List<SignalCount> signals,
                                     Instant now) {
        return reactToSignals(state, schedule, signals, now, now);
    }

    /**
     * As {@link #reactToSignals(ProviderWarmup, ProviderSchedule, List, Instant)}, counting over the window
     * that ends when the prompting signal was logged rather than now: a burst that reached the engine late
     * (the accounting pull or the broker behind) is counted with the records logged with it, not cut off
     * by a window that has moved on. A signal logged more than a sending day ago, or in the future, is
     * counted over the window ending now, as at the tick.
     *
     * @param loggedAt when the record carrying the prompting signal was logged
     */
    public Evaluation reactToSignals(ProviderWarmup state, ProviderSchedule schedule, List<SignalCount> signals,
                                     Instant loggedAt, Instant now) {
        if (state.paused()) {
            return Evaluation.unchanged(state);
        }
        Evaluation signalled = signals(state, schedule, new ProviderStats(null, null, signals), signalWindowEnd(loggedAt, now), now);
        return signalled == null ? Evaluation.unchanged(state) : signalled;
    }

    /** Where the signal window of an out-of-band reaction ends: see {@link #reactToSignals(ProviderWarmup, ProviderSchedule, List, Instant, Instant)}. */
    public Instant signalWindowEnd(Instant loggedAt, Instant now) {
        return loggedAt == null || loggedAt.isAfter(now) || loggedAt.isBefore(now.minus(settings.sendingDay())) ? now : loggedAt;
    }

    /** The action of the signal rule behind a decision, if a provider signal caused it. */
    public Optional<SignalAction> signalActionOf(Decision decision) {
        if (decision.signalCodes().isEmpty()) {
            return Optional.empty();
        }
        String code = decision.signalCodes().get(0);
        return settings.signalRules().stream().filter(rule -> rule.code().equals(code))
                .min(Comparator.comparingInt(SignalRule::precedence)).map(SignalRule::action);
    }

    /** Whether a signal code is one a rule reacts to. */
    public boolean reactsTo(String signalCode) {
        return signalCode != null && settings.signalRules().stream()
                .anyMatch(rule -> rule.code().equals(signalCode.toLowerCase(Locale.ROOT)));
    }

    /** @param windowEnd the signal window is the one ending here (now, or when a late signal was logged) */
    private Evaluation signals(ProviderWarmup state, ProviderSchedule schedule, ProviderStats stats, Instant windowEnd,
                               Instant now) {
        Instant from = windowEnd.minus(settings.signalWindow());
        List<SignalRule> fired = new ArrayList<>();
        Map<SignalRule, Long> counts = new LinkedHashMap<>();
        for (SignalRule rule : settings.signalRules()) {
            long count = countOf(rule, stats.signals(), state.signalsHandled(), from);
            if (count >= rule.minCount()) {
                fired.add(rule);
                counts.put(rule, count);
            }
        }
        if (fired.isEmpty()) {
            return null;
        }
        fired.sort(Comparator.comparingInt(SignalRule::precedence));
        SignalRule rule = fired.get(0);
        List<String> codes = fired.stream().map(SignalRule::code).distinct().toList();
        long count = counts.get(rule);
        Map<String, Object> numbers = new LinkedHashMap<>();
        fired.forEach(f -> numbers.putIfAbsent("signal." + f.code(), counts.get(f)));
        numbers.put("signalCode", rule.code());
        numbers.put("count", count);
        numbers.put("minCount", rule.minCount());
        numbers.put("action", rule.action().name());
        numbers.put("signalWindow", settings.signalWindow().toString());
        String seen = "provider signal " + rule.code() + " seen " + count + "× in " + windowText()
                + (windowEnd.equals(now) ? "" : " before " + windowEnd + " (when it was logged; it arrived late)");
        Evaluation reaction = switch (rule.action()) {
            case PAUSE_UNTIL_RESUMED -> {
                ProviderWarmup next = state.with(ProviderPhase.PAUSED, state.stage(), state.warmupDay(), state.dailyQuota(),
                        state.dayStartedAt(), null, rule.code(), state.recoveryDaysLeft(), true, state.lastActiveAt());
                yield Evaluation.of(next, decision(state, next, DecisionKind.PAUSE, seen
                        + ": paused until an operator resumes", numbers, codes, AlertIntent.CRITICAL));
            }
            case PAUSE_FOR -> {
                Instant until = now.plus(rule.pauseFor());
                numbers.put("pauseFor", rule.pauseFor().toString());
                ProviderWarmup next = state.with(ProviderPhase.PAUSED, state.stage(), state.warmupDay(), state.dailyQuota(),
                        state.dayStartedAt(), until, rule.code(), state.recoveryDaysLeft(), true, state.lastActiveAt());
                yield Evaluation.of(next, decision(state, next, DecisionKind.PAUSE, seen + ": paused for "
                        + human(rule.pauseFor()) + " until " + until, numbers, codes, AlertIntent.WARNING));
            }
            case CUT -> {
                numbers.put("cutFactor", rule.cutFactor());
                yield stepBack(state, schedule, rule.cutFactor(), now, state, seen, numbers, codes);
            }
        };
        // the rest of the burst, and whatever PowerMTA still sends before it applies the new limit, belongs to
        // this reaction: neither the next tick nor the next bounce reacts to it again
        SignalsHandled handled = state.signalsHandled().afterReaction(rule.action(), now.plus(settings.signalWindow()));
        return new Evaluation(reaction.next().withSignalsHandled(handled), reaction.decision());
    }

    private String windowText() {
        Duration window = settings.signalWindow();
        return window.equals(Duration.ofHours(1)) ? "the last hour" : "the last " + human(window);
    }

    /** Back-off (or pause on a severe breach) when a rate with a sufficient sample reaches its limit. */
    private Evaluation breach(ProviderWarmup state, ProviderSchedule schedule, WindowStats window, String label,
                              long minAttempts, long minDelivered, Instant now, boolean endOfDay) {
        Map<String, Object> numbers = rates(window, minAttempts, minDelivered);
        List<String> problems = new ArrayList<>();
        boolean severe = false;
        if (window.attempts() >= minAttempts) {
            double hard = window.hardBounceRate();
            if (hard >= settings.maxHardBounceRate()) {
                problems.add("hard-bounce rate " + Numbers.percent(hard) + " ≥ " + Numbers.percent(settings.maxHardBounceRate()));
                severe |= hard >= settings.pauseHardBounceRate();
            }
            double deferral = window.deferralRate();
            if (deferral >= settings.maxDeferralRate()) {
                problems.add("deferral rate " + Numbers.percent(deferral) + " ≥ " + Numbers.percent(settings.maxDeferralRate()));
            }
        }
        if (window.delivered() >= minDelivered) {
            double complaints = window.complaintRate();
            if (complaints >= settings.maxComplaintRate()) {
                problems.add("complaint rate " + Numbers.percent(complaints) + " ≥ " + Numbers.percent(settings.maxComplaintRate()));
                severe |= complaints >= settings.pauseComplaintRate();
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        String what = String.join(", ", problems) + " over the " + label + " (" + Numbers.grouped(window.attempts())
                + " attempts)";
        if (severe) {
            ProviderWarmup next = state.with(ProviderPhase.PAUSED, state.stage(), dayAfter(state, endOfDay, window),
                    state.dailyQuota(), state.dayStartedAt(), null, "severe-breach", state.recoveryDaysLeft(), true,
                    state.lastActiveAt());
            numbers.put("pauseHardBounceRate", settings.pauseHardBounceRate());
            numbers.put("pauseComplaintRate", settings.pauseComplaintRate());
            return Evaluation.of(next, decision(state, next, DecisionKind.PAUSE, what
                    + " reaches the pause level: paused until an operator resumes", numbers, List.of(), AlertIntent.CRITICAL));
        }
        numbers.put("stepBackFactor", settings.stepBackFactor());
        ProviderWarmup counted = endOfDay ? withDayCounted(state, window, now) : state;
        return stepBack(counted, schedule, settings.stepBackFactor(), now, state, what, numbers, List.of());
    }

    /**
     * Relative step back: to the highest stage at most {@code factor} × the current quota, never
     * below stage 0; then hold {@code recoveryHoldDays} healthy days before growing stage by stage,
     * so the IP never snaps back to where it was.
     */
    private Evaluation stepBack(ProviderWarmup state, ProviderSchedule schedule, double factor, Instant now,
                                ProviderWarmup before, String why, Map<String, Object> numbers, List<String> codes) {
        long wanted = (long) Math.floor(state.dailyQuota() * factor);
        int stage = Math.min(schedule.highestStageAtMost(wanted), Math.max(0, state.stage() - 1));
        long quota = schedule.volumeOf(stage);
        numbers.put("fromDaily", state.dailyQuota());
        numbers.put("wantedDaily", wanted);
        numbers.put("recoveryHoldDays", settings.recoveryHoldDays());
        ProviderWarmup next = state.with(ProviderPhase.WARMING, stage, state.warmupDay(), quota, now, null, null,
                settings.recoveryHoldDays(), true, state.lastActiveAt()).withHealthyDaysAtStage(0);
        return Evaluation.of(next, decision(before, next, DecisionKind.BACK_OFF, why + ": stepped back from stage "
                        + state.stage() + " (" + Numbers.grouped(state.dailyQuota()) + "/day) to stage " + stage + " ("
                        + Numbers.grouped(quota) + "/day); " + settings.recoveryHoldDays() + " healthy day(s) before growing again",
                numbers, codes, AlertIntent.WARNING));
    }

    private Evaluation endOfDay(ProviderWarmup state, ProviderSchedule schedule, WindowStats day, Instant now) {
        if (state.phase() == ProviderPhase.WARM) {
            return endOfWarmDay(state, schedule, day, now);
        }
        if (day.nothingSent()) {
            return idleDay(state, schedule, now);
        }
        Evaluation breached = breach(state, schedule, day, "day", settings.dayMinAttempts(), settings.dayMinDelivered(),
                now, true);
        if (breached != null) {
            return breached;
        }
        ProviderWarmup counted = withDayCounted(state, day, now);
        Map<String, Object> numbers = rates(day, settings.dayMinAttempts(), settings.dayMinDelivered());
        double deliveredRatio = state.dailyQuota() == 0 ? 0 : (double) day.delivered() / state.dailyQuota();
        numbers.put("stageVolume", state.dailyQuota());
        numbers.put("deliveredRatio", deliveredRatio);
        numbers.put("promoteDeliveredRatio", settings.promoteDeliveredRatio());
        String delivered = "delivered " + Numbers.grouped(day.delivered()) + " of " + Numbers.grouped(state.dailyQuota())
                + " (" + Numbers.percent(deliveredRatio) + ")";
        String unsampled = unsampledNote(day);
        if (deliveredRatio < settings.promoteDeliveredRatio()) {
            return Evaluation.of(counted, decision(state, counted, DecisionKind.HOLD, "short volume: " + delivered + " < "
                    + Numbers.percent(settings.promoteDeliveredRatio()) + " of the stage; staying at stage "
                    + state.stage() + unsampled, numbers, List.of(), AlertIntent.NONE));
        }
        int healthyDays = state.healthyDaysAtStage() + 1;
        if (state.recoveryDaysLeft() > 0) {
            int left = state.recoveryDaysLeft() - 1;
            ProviderWarmup holding = counted.with(counted.phase(), counted.stage(), counted.warmupDay(), counted.dailyQuota(),
                    counted.dayStartedAt(), null, null, left, counted.alerting(), counted.lastActiveAt())
                    .withHealthyDaysAtStage(healthyDays);
            numbers.put("recoveryDaysLeft", left);
            return Evaluation.of(holding, decision(state, holding, DecisionKind.HOLD, "recovering after a back-off: healthy day, "
                    + delivered + "; " + (left + 1) + " of " + settings.recoveryHoldDays()
                    + " recovery hold day(s) done before growing again" + unsampled, numbers, List.of(), AlertIntent.NONE));
        }
        int holdDays = settings.holdDaysAt(state.dailyQuota());
        if (healthyDays < holdDays) {
            ProviderWarmup holding = counted.withHealthyDaysAtStage(healthyDays);
            numbers.put("healthyDaysAtStage", healthyDays);
            numbers.put("highVolumeHoldDays", holdDays);
            numbers.put("highVolumeHoldFrom", settings.highVolumeHoldFrom());
            return Evaluation.of(holding, decision(state, holding, DecisionKind.HOLD, "high volume: healthy day, " + delivered
                    + "; " + healthyDays + " of " + holdDays + " sending days at stage " + state.stage() + " ("
                    + Numbers.grouped(state.dailyQuota()) + "/day ≥ " + Numbers.grouped(settings.highVolumeHoldFrom())
                    + "/day) before promotion" + unsampled, numbers, List.of(), AlertIntent.NONE));
        }
        int nextStage = Math.min(state.stage() + 1, schedule.lastStage());
        long quota = schedule.volumeOf(nextStage);
        boolean warm = nextStage == schedule.lastStage();
        AlertIntent alert = state.alerting() ? AlertIntent.RESOLVE : AlertIntent.NONE;
        ProviderWarmup next = counted.with(warm ? ProviderPhase.WARM : ProviderPhase.WARMING, nextStage,
                counted.warmupDay(), quota, now, null, null, 0, false, now);
        String healthy = "healthy day: " + delivered + " ≥ " + Numbers.percent(settings.promoteDeliveredRatio());
        if (warm) {
            return Evaluation.of(next, decision(state, next, DecisionKind.WARM, healthy + "; reached the target "
                    + Numbers.grouped(quota) + "/day: warm" + unsampled, numbers, List.of(), alert));
        }
        return Evaluation.of(next, decision(state, next, DecisionKind.PROMOTE, healthy + "; promoted to stage " + nextStage
                + " (" + Numbers.grouped(quota) + "/day)" + unsampled, numbers, List.of(), alert));
    }

    private Evaluation endOfWarmDay(ProviderWarmup state, ProviderSchedule schedule, WindowStats day, Instant now) {
        Evaluation breached = breach(state, schedule, day, "day", settings.dayMinAttempts(), settings.dayMinDelivered(),
                now, true);
        if (breached != null) {
            return breached;
        }
        boolean keptWarm = day.delivered() >= settings.maintenanceFloor();
        Instant lastActive = keptWarm ? now : state.lastActiveAt();
        if (!keptWarm && !now.isBefore(lastActive.plus(settings.idleToCold()))) {
            return cold(state, schedule, now, "warm but below the maintenance floor of "
                    + Numbers.grouped(settings.maintenanceFloor()) + "/day since " + lastActive);
        }
        ProviderWarmup next = state.with(state.phase(), state.stage(), state.warmupDay(), state.dailyQuota(), now, null, null,
                0, state.alerting(), lastActive);
        return Evaluation.unchanged(next);
    }

    private Evaluation idleDay(ProviderWarmup state, ProviderSchedule schedule, Instant now) {
        if (!now.isBefore(state.lastActiveAt().plus(settings.idleToCold()))) {
            return cold(state, schedule, now, "no mail sent since " + state.lastActiveAt());
        }
        ProviderWarmup next = state.with(state.phase(), state.stage(), state.warmupDay(), state.dailyQuota(), now, null, null,
                state.recoveryDaysLeft(), state.alerting(), state.lastActiveAt());
        return Evaluation.of(next, decision(state, next, DecisionKind.HOLD, "nothing sent since " + state.dayStartedAt()
                + ": not a sending day, warmup day stays " + state.warmupDay(), Map.of("delivered", 0L), List.of(), AlertIntent.NONE));
    }

    private Evaluation cold(ProviderWarmup state, ProviderSchedule schedule, Instant now, String why) {
        ProviderWarmup next = state.with(ProviderPhase.WARMING, 0, 0, schedule.volumeOf(0), now, null, null, 0,
                state.alerting(), now).withHealthyDaysAtStage(0);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("idleToColdDays", settings.idleToCold().toDays());
        numbers.put("maintenanceFloor", settings.maintenanceFloor());
        return Evaluation.of(next, decision(state, next, DecisionKind.COLD, why + " (≥ " + settings.idleToCold().toDays()
                + " days): cold again, warmup restarts at stage 0 (" + Numbers.grouped(next.dailyQuota()) + "/day)",
                numbers, List.of(), AlertIntent.NONE));
    }

    private ProviderWarmup withDayCounted(ProviderWarmup state, WindowStats day, Instant now) {
        return state.with(state.phase(), state.stage(), state.warmupDay() + 1, state.dailyQuota(), now, state.pausedUntil(),
                state.pauseReason(), state.recoveryDaysLeft(), state.alerting(), day.nothingSent() ? state.lastActiveAt() : now);
    }

    private static int dayAfter(ProviderWarmup state, boolean endOfDay, WindowStats window) {
        return endOfDay && !window.nothingSent() ? state.warmupDay() + 1 : state.warmupDay();
    }

    private Map<String, Object> rates(WindowStats window, long minAttempts, long minDelivered) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("delivered", window.delivered());
        numbers.put("attempts", window.attempts());
        numbers.put("hardBounces", window.hardBounces());
        numbers.put("softBounces", window.softBounces());
        numbers.put("deferrals", window.deferrals());
        numbers.put("complaints", window.complaints());
        numbers.put("hardBounceRate", window.hardBounceRate());
        numbers.put("complaintRate", window.complaintRate());
        numbers.put("deferralRate", window.deferralRate());
        numbers.put("maxHardBounceRate", settings.maxHardBounceRate());
        numbers.put("maxComplaintRate", settings.maxComplaintRate());
        numbers.put("maxDeferralRate", settings.maxDeferralRate());
        numbers.put("minAttempts", minAttempts);
        numbers.put("minDelivered", minDelivered);
        return numbers;
    }

    private String unsampledNote(WindowStats day) {
        List<String> notes = new ArrayList<>();
        if (day.attempts() < settings.dayMinAttempts()) {
            notes.add("bounce and deferral rates not counted (" + Numbers.grouped(day.attempts()) + " attempts < minimum "
                    + Numbers.grouped(settings.dayMinAttempts()) + ")");
        }
        if (day.delivered() < settings.dayMinDelivered()) {
            notes.add("complaint rate not counted (" + Numbers.grouped(day.delivered()) + " delivered < minimum "
                    + Numbers.grouped(settings.dayMinDelivered()) + ")");
        }
        return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    }

    /** Per source over the window, without what an earlier reaction handled; the larger source counts. */
    private static long countOf(SignalRule rule, List<SignalCount> signals, SignalsHandled handled, Instant from) {
        long bounces = 0;
        long reported = 0;
        for (SignalCount signal : signals) {
            if (signal.code().equals(rule.code()) && !signal.bucketStart().isBefore(from)
                    && !handled.absorbs(rule, signal.bucketStart())) {
                bounces += signal.bounces();
                reported += signal.reported();
            }
        }
        return Math.max(bounces, reported);
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static Decision decision(ProviderWarmup before, ProviderWarmup after, DecisionKind kind, String reason,
                                     Map<String, Object> numbers, List<String> codes, AlertIntent alert) {
        return new Decision(after.provider(), kind, before.stage(), after.stage(), before.effectiveDaily(),
                after.effectiveDaily(), after.warmupDay(), reason, numbers, codes, alert);
    }
}

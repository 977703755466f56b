package io.emailengine.warmup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.types.Provider;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The out-of-band reaction to provider block signals ({@link WarmupRules#reactToSignals}) and how it and
 * the tick share the record of signals already reacted to ({@link SignalsHandled}).
 */
class SignalReactionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final ProviderSchedule SCHEDULE = new ProviderSchedule(List.of(100L, 150L, 200L, 300L, 400L, 600L, 800L));

    private final WarmupRules rules = new WarmupRules(WarmupSettings.defaults());

    private static ProviderWarmup atStage(Provider provider, int stage) {
        return new ProviderWarmup(provider, ProviderPhase.WARMING, stage, stage, SCHEDULE.volumeOf(stage), T0, null, null,
                0, false, T0);
    }

    /** Signal counts as the store keeps them: per code and minute, bounces and reports apart. */
    private static final class Signals {
        private final Map<String, long[]> buckets = new TreeMap<>();

        Signals bounce(String code, Instant loggedAt) {
            return add(code, loggedAt, 1, 0);
        }

        Signals add(String code, Instant loggedAt, long bounces, long reported) {
            long[] counts = buckets.computeIfAbsent(loggedAt.truncatedTo(ChronoUnit.MINUTES) + "|" + code, k -> new long[2]);
            counts[0] += bounces;
            counts[1] += reported;
            return this;
        }

        List<SignalCount> counts() {
            List<SignalCount> list = new ArrayList<>();
            buckets.forEach((key, counts) -> list.add(new SignalCount(key.substring(key.indexOf('|') + 1),
                    Instant.parse(key.substring(0, key.indexOf('|'))), counts[0], counts[1])));
            return list;
        }

        ProviderStats stats() {
            return new ProviderStats(WindowStats.EMPTY, WindowStats.EMPTY, counts());
        }
    }

    private Decision decisionOf(Evaluation evaluation) {
        assertThat(evaluation.decision()).as("a decision").isPresent();
        return evaluation.decision().orElseThrow();
    }

    @Test
    void oneSignalBelowTheMinimumCountDoesNothing() {
        Signals signals = new Signals().add("gmail-421-4.7.28", T0.plusSeconds(10), 19, 0);

        Evaluation result = rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, signals.counts(), T0.plusSeconds(11));

        assertThat(result.decision()).isEmpty();
        assertThat(result.next()).isEqualTo(atStage(Provider.GMAIL, 6));
    }

    @Test
    void reachingTheMinimumCountCutsOnceWithTheNumbersThatCausedIt() {
        Signals signals = new Signals().add("gmail-421-4.7.28", T0.plusSeconds(10), 20, 0);

        Evaluation result = rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, signals.counts(), T0.plusSeconds(11));

        Decision decision = decisionOf(result);
        assertThat(decision.kind()).isEqualTo(DecisionKind.BACK_OFF);
        assertThat(decision.toDaily()).as("half of 800").isEqualTo(400);
        assertThat(decision.signalCodes()).containsExactly("gmail-421-4.7.28");
        assertThat(decision.numbers()).containsEntry("signalCode", "gmail-421-4.7.28").containsEntry("count", 20L)
                .containsEntry("minCount", 20L).containsEntry("action", "CUT").containsEntry("signalWindow", "PT1H");
        assertThat(decision.reason()).startsWith("provider signal gmail-421-4.7.28 seen 20× in the last hour");
    }

    @Test
    void aBurstThatArrivesLateIsCountedOverTheHourItWasLoggedIn() {
        Signals signals = new Signals();
        for (int i = 0; i < 20; i++) {
            signals.bounce("gmail-421-4.7.28", T0.plusSeconds(10 + i));
        }
        Instant lastLogged = T0.plusSeconds(29);
        // The accounting pull was behind: the burst reaches the engine two hours after it was logged.
        Instant arrived = T0.plus(Duration.ofHours(2));

        Evaluation onArrival = rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, signals.counts(), arrived);
        Evaluation byLogTime = rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, signals.counts(), lastLogged, arrived);

        assertThat(onArrival.decision()).as("the window ending now holds none of it").isEmpty();
        Decision cut = byLogTime.decision().orElseThrow();
        assertThat(cut.reason()).startsWith("provider signal gmail-421-4.7.28 seen 20× in the last hour before " + lastLogged);
        assertThat(byLogTime.next().dailyQuota()).isLessThan(atStage(Provider.GMAIL, 6).dailyQuota());
    }

    @Test
    void aSignalLoggedMoreThanASendingDayAgoIsCountedOverTheWindowEndingNow() {
        Signals signals = new Signals();
        for (int i = 0; i < 20; i++) {
            signals.bounce("gmail-421-4.7.28", T0.plusSeconds(10 + i));
        }
        Instant now = T0.plus(Duration.ofHours(25));

        assertThat(rules.signalWindowEnd(T0.plusSeconds(29), now)).isEqualTo(now);
        assertThat(rules.signalWindowEnd(now.plusSeconds(5), now)).as("logged in the future: a clock off").isEqualTo(now);
        assertThat(rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, signals.counts(), T0.plusSeconds(29), now)
                .decision()).isEmpty();
    }

    @Test
    void aBurstOfFortySignalRecordsCutsOnceEvenAcrossMinutes() {
        ProviderWarmup state = atStage(Provider.MICROSOFT, 6);
        Signals signals = new Signals();
        Instant first = T0.plusSeconds(50); // the burst runs from 08:00:50 into 08:01:29
        int reactions = 0;
        for (int i = 0; i < 40; i++) {
            Instant loggedAt = first.plusSeconds(i);
            signals.bounce("microsoft-s775", loggedAt);
            Evaluation result = rules.reactToSignals(state, SCHEDULE, signals.counts(), loggedAt.plusMillis(300));
            if (result.decision().isPresent()) {
                reactions++;
            }
            state = result.next();
        }

        assertThat(reactions).isEqualTo(1);
        assertThat(state.dailyQuota()).as("a quarter of 800, once").isEqualTo(200);
    }

    @Test
    void aGmailBurstOfFortyReactsOnceAtTheTwentiethRecord() {
        ProviderWarmup state = atStage(Provider.GMAIL, 6);
        Signals signals = new Signals();
        List<Integer> reactedAt = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            Instant loggedAt = T0.plusSeconds(40 + i);
            signals.bounce("gmail-421-4.7.28", loggedAt);
            Evaluation result = rules.reactToSignals(state, SCHEDULE, signals.counts(), loggedAt);
            if (result.decision().isPresent()) {
                reactedAt.add(i);
            }
            state = result.next();
        }

        assertThat(reactedAt).containsExactly(20);
    }

    @Test
    void theNextTickDoesNotReactAgainToSignalsAlreadyReactedTo() {
        Signals signals = new Signals();
        for (int i = 0; i < 40; i++) {
            signals.bounce("microsoft-s775", T0.plusSeconds(600 + i));
        }
        Evaluation cut = rules.reactToSignals(atStage(Provider.MICROSOFT, 6), SCHEDULE, signals.counts(), T0.plusSeconds(601));
        assertThat(decisionOf(cut).toDaily()).isEqualTo(200);

        Instant tick = T0.plus(Duration.ofHours(1));
        Evaluation atTick = rules.evaluate(cut.next(), SCHEDULE, signals.stats(), tick);

        assertThat(atTick.decision()).isEmpty();
        assertThat(atTick.next().dailyQuota()).isEqualTo(200);
    }

    @Test
    void theTickStillReactsToSignalsNoImmediateReactionHandled() {
        Signals signals = new Signals().add("gmail-421-4.7.28", T0.plusSeconds(600), 5, 25);

        Evaluation atTick = rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, signals.stats(), T0.plus(Duration.ofHours(1)));

        assertThat(decisionOf(atTick).kind()).isEqualTo(DecisionKind.BACK_OFF);
        assertThat(decisionOf(atTick).numbers()).containsEntry("count", 25L);
    }

    @Test
    void deliveryReportCountsCountTowardsTheMinimumButAreNeverAddedToTheBounces() {
        Signals twelveEach = new Signals().add("gmail-421-4.7.28", T0.plusSeconds(10), 12, 12);
        Signals reportedTwenty = new Signals().add("gmail-421-4.7.28", T0.plusSeconds(10), 3, 0)
                .add("gmail-421-4.7.28", T0.plusSeconds(70), 0, 20);

        assertThat(rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, twelveEach.counts(), T0.plusSeconds(80))
                .decision()).as("the same 12 signals seen by both sources").isEmpty();
        assertThat(decisionOf(rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, reportedTwenty.counts(),
                T0.plusSeconds(80))).numbers()).containsEntry("count", 20L);
    }

    @Test
    void signalsOlderThanTheWindowDoNotCount() {
        Signals signals = new Signals().add("gmail-421-4.7.28", T0, 15, 0).add("gmail-421-4.7.28", T0.plusSeconds(3_600), 5, 0);

        Evaluation result = rules.reactToSignals(atStage(Provider.GMAIL, 6), SCHEDULE, signals.counts(),
                T0.plus(Duration.ofMinutes(61)));

        assertThat(result.decision()).isEmpty();
    }

    @Test
    void aPauseInForceIsNeitherReappliedNorRealerted() {
        Signals signals = new Signals().bounce("yahoo-tss04", T0.plusSeconds(10));
        Evaluation paused = rules.reactToSignals(atStage(Provider.YAHOO, 3), SCHEDULE, signals.counts(), T0.plusSeconds(11));
        assertThat(decisionOf(paused).alert()).isEqualTo(AlertIntent.WARNING);

        signals.bounce("yahoo-tss04", T0.plus(Duration.ofMinutes(30))).bounce("yahoo-ts03", T0.plus(Duration.ofMinutes(31)));
        Evaluation again = rules.reactToSignals(paused.next(), SCHEDULE, signals.counts(), T0.plus(Duration.ofMinutes(31)));

        assertThat(again.decision()).isEmpty();
        assertThat(again.next()).isEqualTo(paused.next());
    }

    @Test
    void aProviderPausedByAnOperatorDoesNotReact() {
        ProviderWarmup paused = rules.pauseByOperator(atStage(Provider.MICROSOFT, 4), "ops", T0).next();
        Signals signals = new Signals().bounce("microsoft-s3150", T0.plusSeconds(10));

        Evaluation result = rules.reactToSignals(paused, SCHEDULE, signals.counts(), T0.plusSeconds(11));

        assertThat(result.decision()).isEmpty();
        assertThat(result.next().pauseReason()).isEqualTo("operator:ops");
    }

    @Test
    void aNewSignalAfterATimedPauseEndedReactsAgainButTheSignalsBeforeItDoNot() {
        WarmupSettings d = WarmupSettings.defaults();
        WarmupRules shortPause = new WarmupRules(new WarmupSettings(d.promoteDeliveredRatio(), d.maxHardBounceRate(),
                d.maxComplaintRate(), d.maxDeferralRate(), d.pauseHardBounceRate(), d.pauseComplaintRate(), d.dayMinAttempts(),
                d.dayMinDelivered(), d.hourMinAttempts(), d.hourMinDelivered(), d.stepBackFactor(), d.recoveryHoldDays(),
                d.maintenanceFloor(), d.idleToCold(), d.sendingDay(),
                List.of(new SignalRule("yahoo-tss04", SignalAction.PAUSE_FOR, Duration.ofMinutes(30), 0, 2))));
        Signals signals = new Signals().bounce("yahoo-tss04", T0.plusSeconds(10)).bounce("yahoo-tss04", T0.plusSeconds(20));
        Evaluation paused = shortPause.reactToSignals(atStage(Provider.YAHOO, 3), SCHEDULE, signals.counts(), T0.plusSeconds(21));
        assertThat(paused.next().pausedUntil()).isEqualTo(T0.plusSeconds(21).plus(Duration.ofMinutes(30)));
        Evaluation resumed = shortPause.evaluate(paused.next(), SCHEDULE, ProviderStats.NONE, T0.plus(Duration.ofMinutes(40)));
        assertThat(decisionOf(resumed).kind()).isEqualTo(DecisionKind.RESUME);

        signals.bounce("yahoo-tss04", T0.plus(Duration.ofMinutes(45)));
        assertThat(shortPause.reactToSignals(resumed.next(), SCHEDULE, signals.counts(), T0.plus(Duration.ofMinutes(45)))
                .decision()).as("the two signals before the pause are handled: one new is below the minimum").isEmpty();
        signals.bounce("yahoo-tss04", T0.plus(Duration.ofMinutes(46)));
        Evaluation pausedAgain = shortPause.reactToSignals(resumed.next(), SCHEDULE, signals.counts(),
                T0.plus(Duration.ofMinutes(46)));
        assertThat(decisionOf(pausedAgain).kind()).isEqualTo(DecisionKind.PAUSE);
        assertThat(decisionOf(pausedAgain).numbers()).containsEntry("count", 2L);
    }

    @Test
    void aMoreSevereSignalStillReactsAfterACut() {
        Signals signals = new Signals().bounce("microsoft-s775", T0.plusSeconds(10));
        Evaluation cut = rules.reactToSignals(atStage(Provider.MICROSOFT, 6), SCHEDULE, signals.counts(), T0.plusSeconds(11));
        assertThat(decisionOf(cut).kind()).isEqualTo(DecisionKind.BACK_OFF);

        signals.bounce("microsoft-s3114", T0.plus(Duration.ofMinutes(5))).bounce("microsoft-s3150", T0.plus(Duration.ofMinutes(10)));
        Evaluation paused = rules.reactToSignals(cut.next(), SCHEDULE, signals.counts(), T0.plus(Duration.ofMinutes(10)));

        assertThat(decisionOf(paused).kind()).isEqualTo(DecisionKind.PAUSE);
        assertThat(decisionOf(paused).alert()).isEqualTo(AlertIntent.CRITICAL);
        assertThat(decisionOf(paused).signalCodes()).containsExactly("microsoft-s3150");
    }

    @Test
    void aSignalOfTheSameSeverityWithinTheWindowBelongsToTheReactionAndOneAfterItCutsAgain() {
        Signals signals = new Signals().bounce("microsoft-s775", T0.plusSeconds(10));
        Evaluation cut = rules.reactToSignals(atStage(Provider.MICROSOFT, 6), SCHEDULE, signals.counts(), T0.plusSeconds(11));

        signals.bounce("microsoft-s3114", T0.plus(Duration.ofMinutes(50)));
        Evaluation within = rules.reactToSignals(cut.next(), SCHEDULE, signals.counts(), T0.plus(Duration.ofMinutes(50)));
        signals.bounce("microsoft-s775", T0.plus(Duration.ofMinutes(62)));
        Evaluation after = rules.reactToSignals(within.next(), SCHEDULE, signals.counts(), T0.plus(Duration.ofMinutes(62)));

        assertThat(within.decision()).isEmpty();
        assertThat(decisionOf(after).fromDaily()).isEqualTo(200);
        assertThat(decisionOf(after).numbers()).containsEntry("count", 1L);
    }

    @Test
    void anImmediateReactionNeverPromotesHoldsOrBacksOffOnRates() {
        ProviderStats healthyDayAndBouncingHour = new ProviderStats(new WindowStats(1_900, 100, 0, 0, 0),
                new WindowStats(5_000, 0, 0, 0, 0), List.of());

        assertThat(rules.evaluate(atStage(Provider.GMAIL, 2), SCHEDULE, healthyDayAndBouncingHour, T0.plus(Duration.ofDays(1)))
                .decision()).as("the tick decides").isPresent();
        assertThat(rules.reactToSignals(atStage(Provider.GMAIL, 2), SCHEDULE, healthyDayAndBouncingHour.signals(),
                T0.plus(Duration.ofDays(1))).decision()).isEmpty();
    }

    @Test
    void onlyConfiguredCodesAreReactedTo() {
        assertThat(rules.reactsTo("YAHOO-TSS04")).isTrue();
        assertThat(rules.reactsTo("yahoo-unknown")).isFalse();
        assertThat(rules.reactsTo(null)).isFalse();
    }
}

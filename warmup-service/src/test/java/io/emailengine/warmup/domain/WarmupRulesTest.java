package io.emailengine.warmup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.types.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WarmupRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant NEXT_DAY = T0.plus(Duration.ofDays(1));
    private static final ProviderSchedule SCHEDULE = new ProviderSchedule(List.of(100L, 150L, 200L, 300L, 400L, 600L, 800L));

    private final WarmupRules rules = new WarmupRules(WarmupSettings.defaults());

    private static ProviderWarmup atStage(Provider provider, int stage) {
        return new ProviderWarmup(provider, ProviderPhase.WARMING, stage, stage, SCHEDULE.volumeOf(stage), T0, null, null,
                0, false, T0);
    }

    private static ProviderStats day(long delivered, long hard, long deferrals, long complaints) {
        return new ProviderStats(WindowStats.EMPTY, new WindowStats(delivered, hard, 0, deferrals, complaints), List.of());
    }

    /** {@code count} signals of {@code code} logged in the minute before {@code now}. */
    private static ProviderStats signals(String code, long count, Instant now) {
        return new ProviderStats(WindowStats.EMPTY, WindowStats.EMPTY, List.of(signal(code, now.minusSeconds(60), count)));
    }

    private static SignalCount signal(String code, Instant loggedAt, long count) {
        return new SignalCount(code, loggedAt.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), count, 0);
    }

    private Decision decisionOf(Evaluation evaluation) {
        assertThat(evaluation.decision()).as("a decision").isPresent();
        return evaluation.decision().orElseThrow();
    }

    @Nested
    class Promotion {

        @Test
        void promotesWhenExactlyNinetyPercentOfTheStageWasDelivered() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 2), SCHEDULE, day(180, 0, 0, 0), NEXT_DAY);

            Decision decision = decisionOf(result);
            assertThat(decision.kind()).isEqualTo(DecisionKind.PROMOTE);
            assertThat(decision.toStage()).isEqualTo(3);
            assertThat(decision.toDaily()).isEqualTo(300);
            assertThat(decision.numbers()).containsEntry("deliveredRatio", 0.9).containsEntry("stageVolume", 200L);
            assertThat(result.next().warmupDay()).isEqualTo(3);
            assertThat(result.next().dayStartedAt()).isEqualTo(NEXT_DAY);
        }

        @Test
        void holdsWhenJustUnderNinetyPercentWasDelivered() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 2), SCHEDULE, day(179, 0, 0, 0), NEXT_DAY);

            Decision decision = decisionOf(result);
            assertThat(decision.kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(decision.reason()).startsWith("short volume: delivered 179 of 200 (89.50%)");
            assertThat(result.next().stage()).isEqualTo(2);
            assertThat(result.next().warmupDay()).as("a short day is still a sending day").isEqualTo(3);
        }

        @Test
        void decidesNothingBeforeTheSendingDayIsOver() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 2), SCHEDULE, day(5_000, 0, 0, 0),
                    NEXT_DAY.minusSeconds(1));

            assertThat(result.decision()).isEmpty();
            assertThat(result.next()).isEqualTo(atStage(Provider.GMAIL, 2));
        }

        @Test
        void promotesWhenHardBouncesAreJustBelowTwoPercent() {
            // 7 of 399 attempts = 1.75%
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 4), SCHEDULE, day(392, 7, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.PROMOTE);
            assertThat((double) decisionOf(result).numbers().get("hardBounceRate")).isLessThan(0.02);
        }

        @Test
        void ignoresRatesBelowTheMinimumSampleAndSaysSo() {
            // 99 attempts with 9 hard bounces is 9%, but 99 < the minimum of 100 attempts.
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 0), SCHEDULE, day(90, 9, 0, 0), NEXT_DAY);

            Decision decision = decisionOf(result);
            assertThat(decision.kind()).isEqualTo(DecisionKind.PROMOTE);
            assertThat(decision.reason()).contains("bounce and deferral rates not counted (99 attempts < minimum 100)")
                    .contains("complaint rate not counted (90 delivered < minimum 1,000)");
        }

        @Test
        void reachingTheLastStageMakesTheProviderWarm() {
            Evaluation result = rules.evaluate(atStage(Provider.YAHOO, 5), SCHEDULE, day(600, 0, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.WARM);
            assertThat(result.next().phase()).isEqualTo(ProviderPhase.WARM);
            assertThat(result.next().dailyQuota()).isEqualTo(800);
        }

        @Test
        void aDayWithoutMailIsNotASendingDay() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 2), SCHEDULE, ProviderStats.NONE, NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(decisionOf(result).reason()).contains("not a sending day");
            assertThat(result.next().warmupDay()).isEqualTo(2);
            assertThat(result.next().stage()).isEqualTo(2);
        }
    }

    @Nested
    class BackOff {

        @Test
        void backsOffWhenHardBouncesAreExactlyTwoPercent() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, day(784, 16, 0, 0), NEXT_DAY);

            Decision decision = decisionOf(result);
            assertThat(decision.kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(decision.numbers()).containsEntry("hardBounceRate", 0.02).containsEntry("maxHardBounceRate", 0.02)
                    .containsEntry("attempts", 800L);
            assertThat(decision.reason()).startsWith("hard-bounce rate 2.00% ≥ 2.00% over the day (800 attempts)");
            assertThat(decision.toDaily()).as("halved: at most 400").isEqualTo(400);
            assertThat(decision.alert()).isEqualTo(AlertIntent.WARNING);
            assertThat(result.next().recoveryDaysLeft()).isEqualTo(1);
        }

        @Test
        void backsOffWhenComplaintsAreExactlyAtTheLimitOnASufficientSample() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, day(2_000, 0, 0, 2), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(decisionOf(result).reason()).contains("complaint rate 0.10% ≥ 0.10%");
        }

        @Test
        void complaintsBelowTheMinimumDeliveredDoNotCount() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, day(999, 0, 0, 5), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.WARM);
        }

        @Test
        void backsOffWhenDeferralsReachTheirThreshold() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 4), SCHEDULE, day(450, 0, 50, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(decisionOf(result).numbers()).containsEntry("deferralRate", 0.1);
        }

        @Test
        void backsOffWithinTheHourOnASufficientSampleWithoutWaitingForTheDay() {
            ProviderStats spike = new ProviderStats(new WindowStats(1_900, 100, 0, 0, 0), WindowStats.EMPTY, List.of());

            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, spike, T0.plus(Duration.ofHours(3)));

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(decisionOf(result).reason()).contains("over the last hour (2,000 attempts)");
        }

        @Test
        void anHourlySpikeBelowTheHourlyMinimumSampleWaitsForTheDay() {
            ProviderStats spike = new ProviderStats(new WindowStats(450, 50, 0, 0, 0), WindowStats.EMPTY, List.of());

            assertThat(rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, spike, T0.plus(Duration.ofHours(3))).decision())
                    .isEmpty();
        }

        @Test
        void aSevereBreachPausesUntilAnOperatorResumes() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 3), SCHEDULE, day(270, 30, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.PAUSE);
            assertThat(decisionOf(result).alert()).isEqualTo(AlertIntent.CRITICAL);
            assertThat(result.next().paused()).isTrue();
            assertThat(result.next().pausedUntil()).isNull();
            assertThat(result.next().effectiveDaily()).isZero();
        }

        @Test
        void recoversOneStageAtATimeAfterAHoldDayAndNeverSnapsBack() {
            ProviderWarmup state = atStage(Provider.GMAIL, 6);
            Instant day = NEXT_DAY;
            state = rules.evaluate(state, SCHEDULE, day(784, 16, 0, 0), day).next();
            assertThat(state.stage()).isEqualTo(4);

            day = day.plus(Duration.ofDays(1));
            Evaluation hold = rules.evaluate(state, SCHEDULE, day(400, 0, 0, 0), day);
            assertThat(decisionOf(hold).kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(decisionOf(hold).reason()).startsWith("recovering after a back-off");
            state = hold.next();

            day = day.plus(Duration.ofDays(1));
            Evaluation first = rules.evaluate(state, SCHEDULE, day(400, 0, 0, 0), day);
            assertThat(decisionOf(first).kind()).isEqualTo(DecisionKind.PROMOTE);
            assertThat(first.next().stage()).isEqualTo(5);
            assertThat(decisionOf(first).alert()).isEqualTo(AlertIntent.RESOLVE);

            day = day.plus(Duration.ofDays(1));
            Evaluation second = rules.evaluate(first.next(), SCHEDULE, day(600, 0, 0, 0), day);
            assertThat(second.next().stage()).isEqualTo(6);
            assertThat(decisionOf(second).alert()).isEqualTo(AlertIntent.NONE);
        }

        @Test
        void neverStepsBackBelowTheFirstStage() {
            Evaluation result = rules.evaluate(atStage(Provider.GMAIL, 0), SCHEDULE, day(96, 4, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(result.next().dailyQuota()).isEqualTo(100);
        }
    }

    @Nested
    class ProviderSignals {

        @Test
        void yahooTss04PausesYahooForTwoHoursThenResumesAtTheSameQuota() {
            ProviderWarmup yahoo = atStage(Provider.YAHOO, 3);
            Instant seen = T0.plus(Duration.ofHours(5));

            Evaluation paused = rules.evaluate(yahoo, SCHEDULE, signals("yahoo-tss04", 1, seen), seen);
            assertThat(decisionOf(paused).kind()).isEqualTo(DecisionKind.PAUSE);
            assertThat(decisionOf(paused).signalCodes()).containsExactly("yahoo-tss04");
            assertThat(decisionOf(paused).alert()).isEqualTo(AlertIntent.WARNING);
            assertThat(paused.next().pausedUntil()).isEqualTo(seen.plus(Duration.ofHours(2)));

            assertThat(rules.evaluate(paused.next(), SCHEDULE, ProviderStats.NONE, seen.plus(Duration.ofMinutes(119)))
                    .decision()).isEmpty();
            Evaluation resumed = rules.evaluate(paused.next(), SCHEDULE, ProviderStats.NONE, seen.plus(Duration.ofHours(2)));
            assertThat(decisionOf(resumed).kind()).isEqualTo(DecisionKind.RESUME);
            assertThat(decisionOf(resumed).alert()).isEqualTo(AlertIntent.RESOLVE);
            assertThat(resumed.next().dailyQuota()).isEqualTo(300);
            assertThat(resumed.next().phase()).isEqualTo(ProviderPhase.WARMING);
        }

        @Test
        void microsoftS3150PausesUntilAnOperatorResumesWithACriticalAlert() {
            Evaluation paused = rules.evaluate(atStage(Provider.MICROSOFT, 3), SCHEDULE,
                    signals("microsoft-s3150", 1, T0.plusSeconds(60)), T0.plusSeconds(60));

            assertThat(decisionOf(paused).alert()).isEqualTo(AlertIntent.CRITICAL);
            assertThat(rules.evaluate(paused.next(), SCHEDULE, ProviderStats.NONE, T0.plus(Duration.ofDays(5))).decision())
                    .as("no automatic resume").isEmpty();
            Evaluation resumed = rules.resumeByOperator(paused.next(), SCHEDULE, "ops", T0.plus(Duration.ofDays(5)));
            assertThat(decisionOf(resumed).kind()).isEqualTo(DecisionKind.RESUME);
            assertThat(resumed.next().paused()).isFalse();
        }

        @Test
        void yahooTs03BeatsATimedPauseWhenBothAreSeen() {
            ProviderStats both = new ProviderStats(WindowStats.EMPTY, WindowStats.EMPTY,
                    List.of(signal("yahoo-tss04", T0, 3), signal("YAHOO-TS03", T0, 1)));

            Evaluation paused = rules.evaluate(atStage(Provider.YAHOO, 3), SCHEDULE, both, T0.plusSeconds(60));

            assertThat(paused.next().pausedUntil()).isNull();
            assertThat(decisionOf(paused).signalCodes()).containsExactly("yahoo-ts03", "yahoo-tss04");
        }

        @Test
        void microsoftS775CutsTheQuotaStrongly() {
            Instant now = T0.plusSeconds(60);
            Evaluation cut = rules.evaluate(atStage(Provider.MICROSOFT, 6), SCHEDULE, signals("microsoft-s775", 2, now), now);

            assertThat(decisionOf(cut).kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(cut.next().dailyQuota()).as("a quarter of 800").isEqualTo(200);
        }

        @Test
        void gmailRateLimitCutsOnlyFromABurst() {
            Instant now = T0.plusSeconds(60);
            assertThat(rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, signals("gmail-421-4.7.28", 19, now), now)
                    .decision()).isEmpty();

            Evaluation cut = rules.evaluate(atStage(Provider.GMAIL, 6), SCHEDULE, signals("gmail-421-4.7.28", 20, now), now);
            assertThat(cut.next().dailyQuota()).isEqualTo(400);
        }
    }

    @Nested
    class KeepingWarm {

        private ProviderWarmup warm(Instant lastActive) {
            return new ProviderWarmup(Provider.GMAIL, ProviderPhase.WARM, 6, 40, 800, T0, null, null, 0, false, lastActive);
        }

        @Test
        void aWarmProviderAtTheMaintenanceFloorStaysWarm() {
            Evaluation result = rules.evaluate(warm(T0.minus(Duration.ofDays(29))), SCHEDULE, day(1_000, 0, 0, 0), NEXT_DAY);

            assertThat(result.decision()).isEmpty();
            assertThat(result.next().lastActiveAt()).isEqualTo(NEXT_DAY);
            assertThat(result.next().phase()).isEqualTo(ProviderPhase.WARM);
        }

        @Test
        void aWarmProviderBelowTheFloorForThirtyDaysGoesCold() {
            Evaluation result = rules.evaluate(warm(NEXT_DAY.minus(Duration.ofDays(30))), SCHEDULE, day(999, 0, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.COLD);
            assertThat(result.next().stage()).isZero();
            assertThat(result.next().dailyQuota()).isEqualTo(100);
            assertThat(result.next().phase()).isEqualTo(ProviderPhase.WARMING);
        }

        @Test
        void aWarmingIpIdleForThirtyDaysGoesCold() {
            ProviderWarmup idle = new ProviderWarmup(Provider.GMAIL, ProviderPhase.WARMING, 4, 4, 400, T0, null, null, 0,
                    false, NEXT_DAY.minus(Duration.ofDays(30)));

            assertThat(decisionOf(rules.evaluate(idle, SCHEDULE, ProviderStats.NONE, NEXT_DAY)).kind()).isEqualTo(DecisionKind.COLD);
        }
    }

    @Nested
    class OperatorActions {

        @Test
        void startBeginsAtStageZeroWithThePlanNumbers() {
            Evaluation started = rules.start(ProviderWarmup.start(Provider.GMAIL, SCHEDULE, T0), SCHEDULE);

            assertThat(decisionOf(started).kind()).isEqualTo(DecisionKind.START);
            assertThat(decisionOf(started).toDaily()).isEqualTo(100);
            assertThat(started.next().hourlyQuota(24)).isEqualTo(5);
        }

        @Test
        void overrideSetsTheStageAndItsVolume() {
            Evaluation overridden = rules.overrideStage(atStage(Provider.GMAIL, 1), SCHEDULE, 4, "root", T0);

            assertThat(overridden.next().dailyQuota()).isEqualTo(400);
            assertThat(decisionOf(overridden).reason()).contains("by admin root");
        }

        @Test
        void operatorPauseHasNoEndUntilResumed() {
            Evaluation paused = rules.pauseByOperator(atStage(Provider.GMAIL, 1), "ops", T0);

            assertThat(paused.next().paused()).isTrue();
            assertThat(paused.next().hourlyQuota(24)).isZero();
            assertThat(rules.evaluate(paused.next(), SCHEDULE, ProviderStats.NONE, T0.plus(Duration.ofDays(3))).decision()).isEmpty();
        }
    }

    /** Reference: "hold 3–4 sending days per level at high volume"; defaults 3 days from 400,000/day. */
    @Nested
    class HighVolumeHold {

        private final ProviderSchedule high = new ProviderSchedule(List.of(300_000L, 399_999L, 400_000L, 500_000L, 625_000L));

        private ProviderWarmup at(int stage, int healthyDays, int recoveryDaysLeft) {
            return new ProviderWarmup(Provider.GMAIL, ProviderPhase.WARMING, stage, 20, high.volumeOf(stage), T0, null, null,
                    recoveryDaysLeft, false, T0, healthyDays);
        }

        private ProviderStats healthy(int stage) {
            return day(high.volumeOf(stage), 0, 0, 0);
        }

        @Test
        void aStageJustBelowTheThresholdIsPromotedAfterOneHealthyDay() {
            Evaluation result = rules.evaluate(at(1, 0, 0), high, healthy(1), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.PROMOTE);
            assertThat(result.next().stage()).isEqualTo(2);
            assertThat(result.next().healthyDaysAtStage()).isZero();
        }

        @Test
        void aStageExactlyAtTheThresholdIsHeldForThreeHealthySendingDaysThenPromoted() {
            Evaluation first = rules.evaluate(at(2, 0, 0), high, healthy(2), NEXT_DAY);
            Instant dayTwo = NEXT_DAY.plus(Duration.ofDays(1));
            Evaluation second = rules.evaluate(first.next(), high, healthy(2), dayTwo);
            Evaluation third = rules.evaluate(second.next(), high, healthy(2), dayTwo.plus(Duration.ofDays(1)));

            assertThat(decisionOf(first).kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(decisionOf(first).reason()).startsWith("high volume: healthy day, delivered 400,000 of 400,000 (100.00%);"
                    + " 1 of 3 sending days at stage 2 (400,000/day ≥ 400,000/day) before promotion");
            assertThat(decisionOf(first).numbers()).containsEntry("healthyDaysAtStage", 1).containsEntry("highVolumeHoldDays", 3)
                    .containsEntry("highVolumeHoldFrom", 400_000L);
            assertThat(first.next().stage()).isEqualTo(2);
            assertThat(first.next().warmupDay()).as("a held day is a sending day").isEqualTo(21);
            assertThat(decisionOf(second).kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(second.next().healthyDaysAtStage()).isEqualTo(2);
            assertThat(decisionOf(third).kind()).isEqualTo(DecisionKind.PROMOTE);
            assertThat(third.next().stage()).isEqualTo(3);
            assertThat(third.next().healthyDaysAtStage()).as("the count starts again at the new stage").isZero();
        }

        @Test
        void aShortDayDoesNotCountTowardsTheHold() {
            Evaluation result = rules.evaluate(at(3, 1, 0), high, day(449_999, 0, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.HOLD);
            assertThat(decisionOf(result).reason()).startsWith("short volume");
            assertThat(result.next().healthyDaysAtStage()).isEqualTo(1);
        }

        @Test
        void aDayWithoutMailDoesNotCountTowardsTheHold() {
            Evaluation result = rules.evaluate(at(3, 2, 0), high, ProviderStats.NONE, NEXT_DAY);

            assertThat(decisionOf(result).reason()).contains("not a sending day");
            assertThat(result.next().healthyDaysAtStage()).isEqualTo(2);
        }

        @Test
        void aBackOffStartsTheCountAgain() {
            Evaluation result = rules.evaluate(at(3, 2, 0), high, day(490_000, 10_000, 0, 0), NEXT_DAY);

            assertThat(decisionOf(result).kind()).isEqualTo(DecisionKind.BACK_OFF);
            assertThat(result.next().healthyDaysAtStage()).isZero();
        }

        @Test
        void recoveryDaysAfterABackOffCountTowardsTheHold() {
            Evaluation recovering = rules.evaluate(at(2, 0, 1), high, healthy(2), NEXT_DAY);
            Evaluation held = rules.evaluate(recovering.next(), high, healthy(2), NEXT_DAY.plus(Duration.ofDays(1)));
            Evaluation promoted = rules.evaluate(held.next(), high, healthy(2), NEXT_DAY.plus(Duration.ofDays(2)));

            assertThat(decisionOf(recovering).reason()).startsWith("recovering after a back-off");
            assertThat(decisionOf(held).reason()).contains("2 of 3 sending days at stage 2");
            assertThat(decisionOf(promoted).kind()).isEqualTo(DecisionKind.PROMOTE);
        }

        @Test
        void aHoldOfOneDayMeansNoHold() {
            WarmupSettings d = WarmupSettings.defaults();
            WarmupRules noHold = new WarmupRules(new WarmupSettings(d.promoteDeliveredRatio(), d.maxHardBounceRate(),
                    d.maxComplaintRate(), d.maxDeferralRate(), d.pauseHardBounceRate(), d.pauseComplaintRate(),
                    d.dayMinAttempts(), d.dayMinDelivered(), d.hourMinAttempts(), d.hourMinDelivered(), d.stepBackFactor(),
                    d.recoveryHoldDays(), d.maintenanceFloor(), d.idleToCold(), d.sendingDay(), d.signalRules(), 400_000, 1));

            assertThat(decisionOf(noHold.evaluate(at(2, 0, 0), high, healthy(2), NEXT_DAY)).kind())
                    .isEqualTo(DecisionKind.PROMOTE);
        }

        @Test
        void anAdminStageOverrideStartsTheCountAgain() {
            Evaluation result = rules.overrideStage(at(3, 2, 0), high, 3, "root", NEXT_DAY);

            assertThat(result.next().healthyDaysAtStage()).isZero();
        }
    }
}

package io.emailengine.warmup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.events.types.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardPlanTest {

    private static final Map<Provider, Long> START = Map.of(Provider.GMAIL, 200L, Provider.MICROSOFT, 150L,
            Provider.YAHOO, 100L, Provider.OTHER, 200L);
    private static final Map<Provider, Long> TARGET = Map.of(Provider.GMAIL, 500_000L, Provider.MICROSOFT, 100_000L,
            Provider.YAHOO, 100_000L, Provider.OTHER, 200_000L);

    @Test
    void buildsFortyTwoSendingDaysPerProviderFromStartToTarget() {
        PlanTemplate plan = StandardPlan.build(START, TARGET, StandardPlan.DAYS, GrowthCaps.defaults());

        assertThat(plan.name()).isEqualTo("standard-42-days");
        assertThat(plan.schedules()).containsOnlyKeys(Provider.GMAIL, Provider.MICROSOFT, Provider.YAHOO, Provider.OTHER);
        plan.schedules().forEach((provider, schedule) -> {
            assertThat(schedule.dailyVolumes()).hasSize(42);
            assertThat(schedule.volumeOf(0)).isEqualTo(START.get(provider));
            assertThat(schedule.target()).isEqualTo(TARGET.get(provider));
        });
    }

    @Test
    void standardPlanPassesTheGrowthCapsAndNeverDecreases() {
        PlanTemplate plan = StandardPlan.build(START, TARGET, 42, GrowthCaps.defaults());
        List<Long> gmail = plan.scheduleFor(Provider.GMAIL).dailyVolumes();
        for (int i = 1; i < gmail.size(); i++) {
            assertThat(gmail.get(i)).isGreaterThanOrEqualTo(gmail.get(i - 1));
            assertThat((double) gmail.get(i) / gmail.get(i - 1)).isLessThanOrEqualTo(GrowthCaps.defaults().maxFactorInto(gmail.get(i)));
        }
    }

    @Test
    void refusesATargetThatTheCapsCannotReachInTime() {
        assertThatThrownBy(() -> StandardPlan.build(Map.of(Provider.OTHER, 10L), Map.of(Provider.OTHER, 5_000_000L), 10,
                GrowthCaps.defaults()))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("cannot be reached from 10/day in 10 days");
    }

    @Test
    void hourlyQuotaSpreadsTheDailyQuotaOverTheSendingWindowRoundingUp() {
        assertThat(Quotas.hourly(1_000, 24)).isEqualTo(42);
        assertThat(Quotas.hourly(1_000, 10)).isEqualTo(100);
        assertThat(Quotas.hourly(0, 24)).isZero();
        assertThatThrownBy(() -> Quotas.hourly(10, 0)).hasMessageContaining("1..24");
    }
}

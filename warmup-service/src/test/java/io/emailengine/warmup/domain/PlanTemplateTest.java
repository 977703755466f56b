package io.emailengine.warmup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.events.types.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTemplateTest {

    private final GrowthCaps caps = GrowthCaps.defaults();

    private static PlanTemplate plan(Long... volumes) {
        return new PlanTemplate("custom", Map.of(Provider.GMAIL, new ProviderSchedule(List.of(volumes))));
    }

    @Test
    void acceptsDoublingWhileSmallAndExactCapsAtEveryBand() {
        assertThat(plan(12_500L, 25_000L, 50_000L, 100_000L, 150_000L, 225_000L, 337_500L, 400_000L, 500_000L)
                .validated(caps).name()).isEqualTo("custom");
    }

    @Test
    void rejectsMoreThanDoublingWhileSmallNamingStageAndCap() {
        assertThatThrownBy(() -> plan(200L, 500L).validated(caps))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("gmail: stage 1 (500/day) grows ×2.50 over stage 0 (200/day); at most ×2.00 is allowed up to 100,000/day");
    }

    @Test
    void rejectsMoreThanOneAndAHalfAbove100k() {
        assertThatThrownBy(() -> plan(100_000L, 160_000L).validated(caps))
                .hasMessageContaining("at most ×1.50 is allowed above 100,000/day");
    }

    @Test
    void rejectsMoreThanOneAndAQuarterAbove400k() {
        assertThatThrownBy(() -> plan(400_000L, 520_000L).validated(caps))
                .hasMessageContaining("grows ×1.30")
                .hasMessageContaining("at most ×1.25 is allowed above 400,000/day");
    }

    @Test
    void rejectsADecreasingStage() {
        assertThatThrownBy(() -> plan(200L, 400L, 300L).validated(caps))
                .hasMessage("gmail: stage 2 (300/day) is below stage 1 (400/day); a plan must never decrease");
    }

    @Test
    void rejectsNonPositiveVolumes() {
        assertThatThrownBy(() -> plan(0L, 100L).validated(caps))
                .hasMessageContaining("stage 0 volume must be a positive number");
    }

    @Test
    void rejectsAnInvalidName() {
        assertThatThrownBy(() -> new PlanTemplate("Bad Name!", Map.of(Provider.GMAIL, new ProviderSchedule(List.of(1L)))))
                .hasMessageContaining("plan name must match");
    }

    @Test
    void providersWithoutScheduleUseTheOtherSchedule() {
        PlanTemplate plan = new PlanTemplate("p", Map.of(Provider.OTHER, new ProviderSchedule(List.of(5L, 10L))));
        assertThat(plan.scheduleFor(Provider.YAHOO).target()).isEqualTo(10);
    }
}

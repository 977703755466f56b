package io.emailengine.warmup.domain;

import java.util.List;

/**
 * Daily volumes of one provider's warmup, one per stage; a stage lasts at least one sending day.
 * The last stage is the target: reaching it makes the provider warm.
 */
public record ProviderSchedule(List<Long> dailyVolumes) {

    public ProviderSchedule {
        if (dailyVolumes == null || dailyVolumes.isEmpty()) {
            throw new InvalidPlanException("a schedule needs at least one stage");
        }
        dailyVolumes = List.copyOf(dailyVolumes);
    }

    public long volumeOf(int stage) {
        return dailyVolumes.get(Math.max(0, Math.min(stage, lastStage())));
    }

    public int lastStage() {
        return dailyVolumes.size() - 1;
    }

    public long target() {
        return dailyVolumes.get(lastStage());
    }

    /** The highest stage whose volume is at most {@code daily} (stage 0 if even that is larger). */
    public int highestStageAtMost(long daily) {
        int stage = 0;
        for (int i = 0; i < dailyVolumes.size(); i++) {
            if (dailyVolumes.get(i) <= daily) {
                stage = i;
            }
        }
        return stage;
    }
}

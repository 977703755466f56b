package io.emailengine.warmup.domain;

import io.emailengine.events.types.Provider;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** A named warmup plan: one schedule per mailbox provider, validated against the growth caps. */
public record PlanTemplate(String name, Map<Provider, ProviderSchedule> schedules) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final int MAX_STAGES = 365;

    public PlanTemplate {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidPlanException("plan name must match " + NAME.pattern());
        }
        if (schedules == null || schedules.isEmpty()) {
            throw new InvalidPlanException("plan '" + name + "' has no provider schedule");
        }
        schedules = Map.copyOf(new TreeMap<>(schedules));
    }

    public ProviderSchedule scheduleFor(Provider provider) {
        ProviderSchedule schedule = schedules.get(provider);
        if (schedule == null) {
            schedule = schedules.get(Provider.OTHER);
        }
        if (schedule == null) {
            throw new InvalidPlanException("plan '" + name + "' has no schedule for " + provider + " nor for other");
        }
        return schedule;
    }

    /**
     * Checks every schedule: positive volumes, never decreasing, each step within the growth cap of
     * the volume it grows into.
     *
     * @throws InvalidPlanException naming the provider, the stage and the rule broken
     */
    public PlanTemplate validated(GrowthCaps caps) {
        new TreeMap<>(schedules).forEach((provider, schedule) -> validate(provider, schedule, caps));
        return this;
    }

    private void validate(Provider provider, ProviderSchedule schedule, GrowthCaps caps) {
        var volumes = schedule.dailyVolumes();
        if (volumes.size() > MAX_STAGES) {
            throw new InvalidPlanException(provider + ": " + volumes.size() + " stages, at most " + MAX_STAGES + " allowed");
        }
        for (int stage = 0; stage < volumes.size(); stage++) {
            Long volume = volumes.get(stage);
            if (volume == null || volume <= 0) {
                throw new InvalidPlanException(provider + ": stage " + stage + " volume must be a positive number, was " + volume);
            }
            if (stage == 0) {
                continue;
            }
            long previous = volumes.get(stage - 1);
            if (volume < previous) {
                throw new InvalidPlanException(provider + ": stage " + stage + " (" + Numbers.grouped(volume)
                        + "/day) is below stage " + (stage - 1) + " (" + Numbers.grouped(previous)
                        + "/day); a plan must never decrease");
            }
            double factor = (double) volume / previous;
            double cap = caps.maxFactorInto(volume);
            if (factor > cap + 1e-9) {
                throw new InvalidPlanException(provider + ": stage " + stage + " (" + Numbers.grouped(volume)
                        + "/day) grows " + Numbers.factor(factor) + " over stage " + (stage - 1) + " ("
                        + Numbers.grouped(previous) + "/day); at most " + Numbers.factor(cap) + " is allowed "
                        + caps.bandOf(volume));
            }
        }
    }
}

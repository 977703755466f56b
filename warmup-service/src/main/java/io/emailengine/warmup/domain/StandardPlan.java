package io.emailengine.warmup.domain;

import io.emailengine.events.types.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the default plan ("standard-42-days"): the seed promises six weeks, so 42 sending days per
 * provider. Each provider starts at a published first-day volume and grows geometrically to the
 * per-IP target; ×1.23/day for 200 → 500,000, in line with SendGrid's ≈×1.4 early growth and well
 * inside the growth caps. Every step is rounded and clipped to the caps, and the result is
 * validated like any operator plan.
 */
public final class StandardPlan {

    public static final String NAME = "standard-42-days";
    public static final int DAYS = 42;

    private StandardPlan() {
    }

    public static PlanTemplate build(Map<Provider, Long> startVolumes, Map<Provider, Long> targets, int days,
                                     GrowthCaps caps) {
        if (days < 2) {
            throw new InvalidPlanException("a standard plan needs at least 2 days, was " + days);
        }
        Map<Provider, ProviderSchedule> schedules = new TreeMap<>();
        targets.forEach((provider, target) -> {
            Long start = startVolumes.getOrDefault(provider, startVolumes.get(Provider.OTHER));
            if (start == null) {
                throw new InvalidPlanException(provider + ": no start volume configured");
            }
            schedules.put(provider, new ProviderSchedule(curve(provider, start, target, days, caps)));
        });
        return new PlanTemplate(NAME, schedules).validated(caps);
    }

    static List<Long> curve(Provider provider, long start, long target, int days, GrowthCaps caps) {
        if (start <= 0 || target < start) {
            throw new InvalidPlanException(provider + ": need 0 < start <= target, was start " + start + ", target " + target);
        }
        double ratio = Math.pow((double) target / start, 1.0 / (days - 1));
        List<Long> volumes = new ArrayList<>(days);
        long previous = start;
        volumes.add(start);
        for (int day = 1; day < days; day++) {
            long ideal = day == days - 1 ? target : Math.round(start * Math.pow(ratio, day));
            long next = Math.max(previous, roundNicely(ideal));
            while (next > previous && (double) next / previous > caps.maxFactorInto(next) + 1e-9) {
                next = (long) Math.floor(previous * caps.maxFactorInto(next));
            }
            volumes.add(next);
            previous = next;
        }
        if (previous != target) {
            throw new InvalidPlanException(provider + ": target " + Numbers.grouped(target) + "/day cannot be reached from "
                    + Numbers.grouped(start) + "/day in " + days + " days within the growth caps");
        }
        return volumes;
    }

    /** Two significant digits below 10k, three above: plans are read by humans. */
    private static long roundNicely(long value) {
        if (value < 100) {
            return value;
        }
        int digits = (int) Math.floor(Math.log10(value)) + 1;
        int keep = value < 10_000 ? 2 : 3;
        long unit = (long) Math.pow(10, Math.max(0, digits - keep));
        return Math.round((double) value / unit) * unit;
    }
}

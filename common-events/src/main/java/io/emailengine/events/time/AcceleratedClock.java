package io.emailengine.events.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that runs {@code speed} times faster than real time from a real instant {@code origin}, at which it shows
 * {@code start}: {@code now = start + (real now − origin) × speed}.
 * <p>
 * It is a contract between processes, not a test helper: the sandbox gives every service and simulator the same
 * origin, start and speed, and because each derives its time from its own wall clock, they all agree on the simulated
 * time without talking to each other. A speed of 1 with origin = start is the real clock.
 */
public final class AcceleratedClock extends Clock {

    public static final double MAX_SPEED = 100_000.0;

    private final Instant origin;
    private final Instant start;
    private final double speed;
    private final Clock real;

    public AcceleratedClock(Instant origin, Instant start, double speed, Clock real) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.start = Objects.requireNonNull(start, "start");
        this.real = Objects.requireNonNull(real, "real");
        // at most 100,000: simulated nanoseconds since the start fit a long for 25 real hours even then
        if (!(speed >= 1.0) || speed > MAX_SPEED) {
            throw new IllegalArgumentException("clock speed must be between 1 and 100000, was " + speed);
        }
        this.speed = speed;
    }

    /** A clock that plays {@code simulatedDay} of time in {@code realDay}, starting now at the real time. */
    public static AcceleratedClock playingOneDayIn(Duration realDay, Clock real) {
        Instant now = real.instant();
        return new AcceleratedClock(now, now, speedFor(realDay), real);
    }

    /** The speed at which one day lasts {@code realDay}. */
    public static double speedFor(Duration realDay) {
        if (realDay.compareTo(Duration.ofMillis(864)) < 0 || realDay.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a simulated day must last between 0.864 s and 1 day of real time, was " + realDay);
        }
        return (double) Duration.ofDays(1).toNanos() / realDay.toNanos();
    }

    public Instant origin() {
        return origin;
    }

    public Instant start() {
        return start;
    }

    public double speed() {
        return speed;
    }

    /** How much real time passes while this clock advances by {@code simulated}. */
    public Duration realDurationOf(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        return simulatedAt(real.instant());
    }

    /** What this clock showed (or will show) at a real instant, e.g. a Kafka record's timestamp. */
    public Instant simulatedAt(Instant realInstant) {
        long realElapsedNanos = Duration.between(origin, realInstant).toNanos();
        return start.plusNanos(Math.round(realElapsedNanos * speed));
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("an accelerated clock is always UTC");
    }

    @Override
    public String toString() {
        return "AcceleratedClock[speed=" + speed + ", origin=" + origin + ", start=" + start + "]";
    }
}

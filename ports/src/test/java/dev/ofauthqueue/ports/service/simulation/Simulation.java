package dev.ofauthqueue.ports.service.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One history on virtual time: a queue of events ordered by their instant (ties by the order they were given), one
 * seeded random source for every choice, and a clock that reads the current event's instant. Everything of a history
 * runs on the thread that calls {@link #run}, one event at a time, so one seed replays the same history exactly.
 */
final class Simulation {

    /** The instant virtual time starts at. */
    static final Instant START = Instant.parse("2026-11-01T12:00:00Z");

    private record Event(long at, long order, Runnable task) {}

    private final PriorityQueue<Event> events =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    final SplittableRandom random;
    private long now;
    private long order;
    private long steps;

    Simulation(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Nanoseconds since {@link #START}. */
    long now() {
        return now;
    }

    Instant instant() {
        return START.plusNanos(now);
    }

    long steps() {
        return steps;
    }

    /** Runs {@code task} once {@code delay} has passed (next, when zero or negative). */
    void after(Duration delay, Runnable task) {
        events.add(new Event(now + Math.max(0, delay.toNanos()), order++, task));
    }

    void now(Runnable task) {
        after(Duration.ZERO, task);
    }

    /** Runs events until none is left, or virtual time passes {@code limit}, or {@code maxSteps} ran. */
    void run(Duration limit, long maxSteps) {
        long end = limit.toNanos();
        while (!events.isEmpty() && steps < maxSteps) {
            Event next = events.peek();
            if (next.at > end) {
                return;
            }
            events.poll();
            now = next.at;
            steps++;
            next.task.run();
        }
    }

    boolean quiet() {
        return events.isEmpty();
    }

    /** A random duration in [from, to). */
    Duration between(Duration from, Duration to) {
        return Duration.ofNanos(from.toNanos() + random.nextLong(Math.max(1, to.toNanos() - from.toNanos())));
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A clock reading virtual time. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Simulation.this.instant();
            }
        };
    }
}

package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.testkit.MutableClock;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Virtual time for the engine: tasks run in the order they fall due, on the test's thread, when the test moves time on;
 * a wall clock given to it moves along. Nothing runs between two calls of {@link #runFor}.
 */
final class VirtualScheduler implements JobScheduler {
    private record Task(long at, long order, Runnable run) {}

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>((x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
    private final @Nullable MutableClock wall;
    private long now;
    private long order;

    VirtualScheduler() {
        this(null);
    }

    VirtualScheduler(@Nullable MutableClock wall) {
        this.wall = wall;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(new Task(now, order++, task));
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        tasks.add(new Task(now + Math.max(0, delay.toNanos()), order++, task));
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * The most tasks one {@link #runFor} may run: far more than any test needs (a few hundred), so that code that
     * keeps rescheduling itself without time passing fails at once instead of spinning.
     */
    static final int MAX_TASKS_PER_RUN = 100_000;

    /** Runs every task due within {@code time}, in order, moving the wall clock with each; then time is there. */
    void runFor(Duration time) {
        long until = now + time.toNanos();
        int ran = 0;
        while (!tasks.isEmpty() && tasks.peek().at <= until) {
            if (++ran > MAX_TASKS_PER_RUN) {
                throw new AssertionError("more than " + MAX_TASKS_PER_RUN + " tasks fell due within " + time
                        + ": something reschedules itself without letting time pass");
            }
            Task next = tasks.poll();
            moveTo(next.at);
            next.run.run();
        }
        moveTo(until);
    }

    /**
     * Runs every task due within {@code time}, then returns the stage's value: it must be complete by then, so code that
     * stops making progress fails the test at once instead of leaving it waiting.
     */
    <T> T valueAfter(Duration time, CompletionStage<T> stage) {
        runFor(time);
        CompletableFuture<T> done = stage.toCompletableFuture();
        assertThat(done)
                .as("complete once what falls due within %s has run", time)
                .isDone();
        return done.join();
    }

    private void moveTo(long at) {
        if (wall != null && at > now) {
            wall.advance(Duration.ofNanos(at - now));
        }
        now = Math.max(now, at);
    }
}

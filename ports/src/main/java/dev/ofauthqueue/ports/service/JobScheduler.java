package dev.ofauthqueue.ports.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the job engine's work runs and how it tells time: one task at a time, in the order given ({@link #execute}),
 * tasks after a delay ({@link #schedule}), and a monotonic clock that measures leases ({@link #nanoTime}). Every wait,
 * pause, lease renewal and deadline of a deletion job goes through it, so that a test can run whole jobs on virtual
 * time and a production run on a thread of its own.
 */
public interface JobScheduler extends Executor {

    /**
     * Runs {@code task} after the tasks already given, never at the same time as another. A scheduler that was shut
     * down drops it.
     *
     * @param task what to run
     */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} as {@link #execute} does, saying whether it was taken: false when the scheduler was shut down
     * and dropped it, so that a caller waiting on the task's result can fail instead of waiting forever. Schedulers
     * that are never shut down take every task (the default).
     *
     * @param task what to run
     * @return whether it will run
     */
    default boolean tryExecute(Runnable task) {
        execute(task);
        return true;
    }

    /**
     * Runs {@code task} on this scheduler once {@code delay} has passed.
     *
     * @param delay how long from now; zero or negative runs it next
     * @param task  what to run
     */
    void schedule(Duration delay, Runnable task);

    /**
     * A monotonic clock: the time between two readings, never the time of day. A pause of the process (a long garbage
     * collection, SIGSTOP) is counted in full, so a lease measured by it lapses during the pause, as it does for
     * whoever else waits for it.
     *
     * @return nanoseconds since an arbitrary origin
     */
    long nanoTime();

    /**
     * A scheduler that runs tasks one at a time on {@code threads} and waits on the JDK's delay thread, measuring
     * time with {@link System#nanoTime()}.
     *
     * @param threads the threads tasks run on (a pool is fine: never two tasks at once)
     * @return the scheduler
     */
    static JobScheduler serialOn(Executor threads) {
        SerialExecutor serial = new SerialExecutor(Objects.requireNonNull(threads, "threads"));
        return new JobScheduler() {
            @Override
            public void execute(Runnable task) {
                serial.execute(task);
            }

            @Override
            public void schedule(Duration delay, Runnable task) {
                CompletableFuture.delayedExecutor(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS, serial)
                        .execute(task);
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }

    /**
     * A scheduler with one daemon thread of its own, named {@code name}, measuring time with {@link
     * System#nanoTime()}; {@link OwnThread#close()} stops it.
     *
     * @param name the thread's name
     * @return the scheduler
     */
    static OwnThread ownThread(String name) {
        return new OwnThread(name);
    }

    /** A scheduler on a daemon thread of its own. */
    final class OwnThread implements JobScheduler, AutoCloseable {
        private final ScheduledThreadPoolExecutor thread;

        private OwnThread(String name) {
            this.thread = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            thread.setRemoveOnCancelPolicy(true);
            thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }

        @Override
        public void execute(Runnable task) {
            boolean unused = tryExecute(task);
            // Dropped when shut down: the job is canceled or interrupted in the store, and resumable.
        }

        @Override
        public boolean tryExecute(Runnable task) {
            try {
                thread.execute(task);
                return true;
            } catch (RejectedExecutionException stopped) {
                return false;
            }
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            try {
                var unused = thread.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                // Shut down: nothing more runs.
            }
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        /** Stops the thread once the tasks given so far have run; delayed tasks are dropped. */
        @Override
        public void close() {
            thread.shutdown();
        }
    }
}

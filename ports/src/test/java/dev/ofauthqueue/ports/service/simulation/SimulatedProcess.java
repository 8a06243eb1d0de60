package dev.ofauthqueue.ports.service.simulation;

import dev.ofauthqueue.ports.service.JobScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One process of a history: every task of its job service, its port and its budget runs through it, so that it can be
 * paused (its tasks wait, then run in order when it wakes) or killed (its tasks are dropped, mid-way included) at any
 * event. Its monotonic clock is virtual time, less any pause during which the clock itself stood still (a frozen
 * virtual machine): a process woken from one believes less time passed than did.
 */
final class SimulatedProcess implements JobScheduler {

    enum Life {
        RUNNING,
        PAUSED,
        DEAD
    }

    final String name;
    private final Simulation sim;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private final java.util.List<Runnable> onDeath = new java.util.ArrayList<>();
    private Life life = Life.RUNNING;

    @org.jspecify.annotations.Nullable
    History trace;

    private long clockStoodStill;

    SimulatedProcess(String name, Simulation sim) {
        this.name = name;
        this.sim = sim;
    }

    Life life() {
        return life;
    }

    boolean alive() {
        return life != Life.DEAD;
    }

    @Override
    public void execute(Runnable task) {
        sim.now(() -> run(task));
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        sim.after(delay, () -> run(task));
    }

    @Override
    public long nanoTime() {
        return sim.now() - clockStoodStill;
    }

    private void run(Runnable task) {
        switch (life) {
            case RUNNING -> task.run();
            case PAUSED -> waiting.addLast(task);
            case DEAD -> {
                // A dead process runs nothing more.
            }
        }
    }

    /**
     * Stops the process for {@code length}: SIGSTOP (its monotonic clock goes on) or a frozen virtual machine (it
     * stands still too). Whatever it was to run meanwhile runs when it wakes, in order.
     */
    void pause(Duration length, boolean clockStandsStill) {
        if (life != Life.RUNNING) {
            return;
        }
        life = Life.PAUSED;
        if (trace != null) {
            trace.note(name + " pauses for " + length.toMillis() + " ms" + (clockStandsStill ? ", its clock too" : ""));
        }
        sim.after(length, () -> {
            if (life != Life.PAUSED) {
                return;
            }
            life = Life.RUNNING;
            if (clockStandsStill) {
                clockStoodStill += length.toNanos();
            }
            Deque<Runnable> woken = new ArrayDeque<>(waiting);
            waiting.clear();
            woken.forEach(this::execute);
        });
    }

    /** Kills the process (SIGKILL): nothing of it runs again, not even the rest of the task running now. */
    void kill() {
        if (life == Life.DEAD) {
            return;
        }
        life = Life.DEAD;
        waiting.clear();
        onDeath.forEach(Runnable::run);
    }

    /** What the operating system does when the process dies, however it dies (releases its file locks). */
    void onDeath(Runnable hook) {
        onDeath.add(hook);
    }

    @Override
    public String toString() {
        return name + " (" + life + ")";
    }
}

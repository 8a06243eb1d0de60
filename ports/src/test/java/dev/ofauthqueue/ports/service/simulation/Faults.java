package dev.ofauthqueue.ports.service.simulation;

import java.time.Duration;

/**
 * What goes wrong in one history, drawn from its seed: how often an answer is lost, how slow the network is, how
 * often a store call fails, how often a process dies at one of the steps of an item (after its intent, after its
 * DELETE left, before its outcome). Switched off for the end of the history, when a job must be able to finish.
 */
final class Faults {

    private final Simulation sim;
    private final double loss;
    private final double storeFailure;
    private final double crashAtStep;
    private final Duration slowest;
    private boolean on;

    private Faults(Simulation sim, double loss, double storeFailure, double crashAtStep, Duration slowest) {
        this.sim = sim;
        this.loss = loss;
        this.storeFailure = storeFailure;
        this.crashAtStep = crashAtStep;
        this.slowest = slowest;
    }

    static Faults drawn(Simulation sim) {
        return new Faults(
                sim,
                sim.random.nextDouble() * 0.15,
                sim.random.nextDouble() * 0.02,
                sim.random.nextDouble() * 0.03,
                Duration.ofMillis(20 + sim.random.nextInt(2500)));
    }

    void on(boolean value) {
        on = value;
    }

    boolean on() {
        return on;
    }

    boolean loseAnswer() {
        return on && sim.chance(loss);
    }

    /** One way of a request: up to the history's slowest, now and then beyond an attempt's timeout. */
    Duration latency() {
        return sim.between(Duration.ofMillis(1), on ? slowest : Duration.ofMillis(50));
    }

    boolean storeFails() {
        return on && sim.chance(storeFailure);
    }

    boolean crashHere() {
        return on && sim.chance(crashAtStep);
    }
}

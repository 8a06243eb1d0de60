package dev.ofauthqueue.ports.out;

import java.time.Duration;

/**
 * Hears how each attempt of one request ended, answered or not: the one object that spans a request's attempts (the
 * first and its retries), so the caller can count them. A deletion job keeps them in its run; a single deletion names
 * their number on its observation.
 *
 * <pre>{@code
 * AtomicInteger attempts = new AtomicInteger();
 * port.deleteScheduledMassMessage(connection, id, (attempt, took) -> attempts.incrementAndGet());
 * }</pre>
 */
@FunctionalInterface
public interface AttemptListener {

    /** Hears nothing. */
    AttemptListener NONE = (attempt, took) -> {};

    /**
     * Told once each attempt that was sent has ended: which attempt of the request it was (1 for the first) and how
     * long it took from its send to its end, on the port's clock. An attempt withheld or never written is not told.
     * Called on the port's thread: it must not block, and what it throws is ignored.
     *
     * @param attempt which attempt, from 1
     * @param took    how long it took
     */
    void attemptEnded(int attempt, Duration took);
}

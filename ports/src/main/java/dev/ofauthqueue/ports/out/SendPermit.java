package dev.ofauthqueue.ports.out;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asked by the port before each attempt of a DELETE that must stay within what the caller can prove it still owns (a
 * deletion job's lease on the item). OFAuth checks no fencing token, so the caller checks its own: an attempt, the
 * first or a retry, goes only when the permit says the caller holds the item for at least as long as the attempt can
 * take, and the port gives up on an attempt that outlives the permit. A process that was paused past its lease wakes
 * up to a refusal, not to a retry.
 *
 * <p>The permit also hears how each attempt it let go ended ({@link #attemptEnded}, by default nothing): a deletion job
 * keeps their count and durations in its run.
 */
@FunctionalInterface
public interface SendPermit {

    /** Every attempt may go, as long as it wants: for callers that own nothing that can lapse. */
    SendPermit ALWAYS = wanted -> CompletableFuture.completedFuture(wanted);

    /**
     * How long the next attempt may last, if it may go at all: the port gives up on the attempt after that long (and
     * counts it unanswered). Called on the port's thread (an event loop): it must not block; it may renew elsewhere
     * and answer later.
     *
     * @param wanted the longest the attempt would take by the port's own timeout
     * @return completes with at most {@code wanted}; zero to send nothing more
     */
    CompletionStage<Duration> attemptLimit(Duration wanted);

    /**
     * Told once each attempt this permit let go has ended, as an {@link AttemptListener} is (which attempt, from 1, and
     * how long it took on the port's clock); an attempt not written is not told. By default, nothing.
     *
     * @param attempt which attempt, from 1
     * @param took    how long it took
     */
    default void attemptEnded(int attempt, Duration took) {}
}

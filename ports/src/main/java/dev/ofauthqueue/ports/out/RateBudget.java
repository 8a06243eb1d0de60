package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ConnectionId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request budget OFAuth allows each connection (60 a minute, burst 90), shared by everything that calls OFAuth
 * with one API key: the port paces its own calls with it, and a deletion job takes a token from it <em>before</em>
 * it asks for a concurrency slot, so a connection waiting for its budget never holds a slot another connection could
 * use.
 */
public interface RateBudget {

    /**
     * Takes one request's worth of budget for {@code connection}, waiting in line when none is left.
     *
     * @param connection whose budget
     * @param maxWait    the longest the caller waits
     * @return completes when the request may go; fails with {@link OfAuthException.RateLimited} when the wait would
     *     be longer than {@code maxWait}
     */
    CompletionStage<Void> take(ConnectionId connection, Duration maxWait);

    /**
     * How long {@code requests} more requests for {@code connection} take at this budget's pace, for estimates of
     * time left.
     *
     * @param connection whose budget
     * @param requests   how many, zero or more
     * @return the estimate; zero for an unlimited budget
     */
    Duration timeFor(ConnectionId connection, int requests);

    /**
     * Holds {@code connection}'s budget: OFAuth answered 429 and asked for {@code wait}, so no request for that
     * connection goes before it has passed, from this process or, for a shared budget, from any other. The budget
     * refills during the wait from one request below empty: when it is over, it holds one request less than OFAuth's
     * bucket refilled meanwhile, a margin that keeps the next requests off the edge of OFAuth's next token.
     *
     * @param connection whose budget
     * @param wait       how long OFAuth asked callers to wait
     */
    default void backOff(ConnectionId connection, Duration wait) {}

    /**
     * A budget that never waits.
     *
     * @return the unlimited budget
     */
    static RateBudget unlimited() {
        return Unlimited.INSTANCE;
    }

    /** Never waits. */
    enum Unlimited implements RateBudget {
        /** The one instance. */
        INSTANCE;

        @Override
        public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Duration timeFor(ConnectionId connection, int requests) {
            return Duration.ZERO;
        }
    }
}

package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per connection. A call takes a token at once when one is free and nobody waits; otherwise it joins
 * the connection's queue and is served in arrival order as tokens refill, or fails when its deadline passes first.
 * One timer per bucket at most: the next refill or the earliest deadline, whichever comes first.
 */
final class ConnectionRateLimiter implements RateBudget {

    private static final Duration LONGEST = Duration.ofDays(1);

    private final ClientRateLimit limit;
    private final Timers delays;
    private final double tokensPerNano;
    private final ConcurrentMap<ConnectionId, Bucket> buckets = new ConcurrentHashMap<>();

    ConnectionRateLimiter(ClientRateLimit limit, Timers delays) {
        this.limit = limit;
        this.delays = delays;
        this.tokensPerNano = limit.perMinute() / 60e9;
    }

    /**
     * Takes a token for {@code connection}, waiting in line for one when none is free.
     *
     * @param deadlineNanos {@link Timers#nanoTime()} reading after which the caller gives up
     * @return completes when the call may go; fails with {@link OfAuthException.RateLimited} at the deadline
     */
    CompletionStage<Void> acquire(ConnectionId connection, long deadlineNanos) {
        return buckets.computeIfAbsent(connection, c -> new Bucket(delays.nanoTime()))
                .acquire(deadlineNanos);
    }

    @Override
    public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
        return acquire(connection, delays.nanoTime() + bounded(maxWait).toNanos());
    }

    /** The time the bucket needs to hold {@code requests} more tokens than it will hand to those already waiting. */
    @Override
    public Duration timeFor(ConnectionId connection, int requests) {
        Bucket bucket = buckets.get(connection);
        return Duration.ofNanos(bucket == null ? nanosToRefill(requests - limit.burst()) : bucket.nanosFor(requests));
    }

    /**
     * OFAuth answered 429: no token for {@code connection} before {@code wait} has passed. The bucket refills during
     * the wait from one token below empty and up to one token short of its burst, so when the wait is over it holds
     * one token less than OFAuth's bucket refilled meanwhile: the wait costs a single request's time, and where client
     * and server pace alike that token of margin keeps the next requests off the edge of OFAuth's next token.
     */
    @Override
    public void backOff(ConnectionId connection, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        buckets.computeIfAbsent(connection, c -> new Bucket(delays.nanoTime())).backOff(wait);
    }

    private long nanosToRefill(double missing) {
        return missing <= 0 ? 0 : (long) Math.ceil(missing / tokensPerNano);
    }

    /** Zero for a negative duration, a day for a longer one: no arithmetic on what a caller passes can overflow. */
    private static Duration bounded(Duration d) {
        return d.isNegative() ? Duration.ZERO : d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    /** Describes the limit for people and for a deletion job's record: {@code 60/min burst 90}. */
    @Override
    public String toString() {
        return limit.perMinute() + "/min burst " + limit.burst();
    }

    private record Waiter(CompletableFuture<Void> turn, long deadlineNanos) {}

    private final class Bucket {
        private double tokens = limit.burst();
        private long refilledAt;
        /** No token before this {@link Timers#nanoTime()} reading: OFAuth's wait after a 429. */
        private long heldUntil;

        private final Deque<Waiter> waiting = new ArrayDeque<>();
        private boolean timerSet;

        Bucket(long now) {
            this.refilledAt = now;
            this.heldUntil = now;
        }

        CompletionStage<Void> acquire(long deadlineNanos) {
            Waiter waiter = new Waiter(new CompletableFuture<>(), deadlineNanos);
            synchronized (this) {
                refill();
                if (waiting.isEmpty() && tokens >= 1 && !held()) {
                    tokens -= 1;
                    return CompletableFuture.completedFuture(null);
                }
                waiting.add(waiter);
            }
            drain();
            return waiter.turn();
        }

        synchronized void backOff(Duration wait) {
            refill();
            tokens = Math.min(tokens, -1);
            heldUntil = Math.max(heldUntil, delays.nanoTime() + bounded(wait).toNanos());
        }

        /** Nanoseconds until the bucket holds {@code requests} more tokens than it owes to callers already waiting. */
        synchronized long nanosFor(int requests) {
            refill();
            long hold = Math.max(0, heldUntil - delays.nanoTime());
            double atHoldEnd = hold == 0 ? tokens : Math.min(limit.burst() - 1, tokens + hold * tokensPerNano);
            return hold + nanosToRefill(requests - (atHoldEnd - waiting.size()));
        }

        private boolean held() {
            return heldUntil - delays.nanoTime() > 0;
        }

        private void refill() {
            long now = delays.nanoTime();
            if (refilledAt < heldUntil && now > refilledAt) {
                // During a hold the bucket fills to one token short of its burst: the margin outlasts a long wait.
                long end = Math.min(now, heldUntil);
                tokens = Math.min(limit.burst() - 1, tokens + (end - refilledAt) * tokensPerNano);
                refilledAt = end;
            }
            if (now > refilledAt) {
                tokens = Math.min(limit.burst(), tokens + (now - refilledAt) * tokensPerNano);
                refilledAt = now;
            }
        }

        /** Serves whom it can, fails whom the deadline passed, and sets the next timer. */
        private void drain() {
            List<Waiter> served = new ArrayList<>();
            List<Waiter> expired = new ArrayList<>();
            long wait = -1;
            synchronized (this) {
                refill();
                long now = delays.nanoTime();
                waiting.removeIf(w -> w.deadlineNanos() <= now && expired.add(w));
                while (tokens >= 1 && !waiting.isEmpty() && !held()) {
                    tokens -= 1;
                    served.add(waiting.poll());
                }
                if (!waiting.isEmpty() && !timerSet) {
                    long toToken = Math.max(heldUntil - now, (long) Math.ceil((1 - tokens) / tokensPerNano));
                    long toDeadline = waiting.stream()
                                    .mapToLong(Waiter::deadlineNanos)
                                    .min()
                                    .orElseThrow()
                            - now;
                    wait = Math.max(1, Math.min(toToken, toDeadline));
                    timerSet = true;
                }
            }
            // Completed outside the lock: a continuation may come back for another token.
            Duration retryIn = Duration.ofNanos((long) Math.ceil(1 / tokensPerNano));
            expired.forEach(w -> w.turn()
                    .completeExceptionally(new OfAuthException.RateLimited(
                            "the client-side rate limiter had no token for this connection before the deadline",
                            0,
                            "CLIENT_RATE_LIMIT",
                            null,
                            retryIn)));
            served.forEach(w -> w.turn().complete(null));
            if (wait >= 0) {
                delays.after(Duration.ofNanos(wait)).thenRun(() -> {
                    synchronized (this) {
                        timerSet = false;
                    }
                    drain();
                });
            }
        }
    }
}

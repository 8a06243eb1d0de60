package dev.ofauthqueue.ports.service.simulation;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The budget every process of a history shares, as the Redis budget is shared: one slot per connection every
 * {@code interval} of virtual time, pushed back by a 429's wait. Each process sees it through its own {@link #view},
 * which hands the token over on that process (a paused process takes it when it wakes).
 */
final class SimulatedBudget {

    private final Simulation sim;
    private final Duration interval;
    private final Map<ConnectionId, Long> nextSlot = new HashMap<>();

    SimulatedBudget(Simulation sim, Duration interval) {
        this.sim = sim;
        this.interval = interval;
    }

    RateBudget view(SimulatedProcess process) {
        return new RateBudget() {
            @Override
            public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
                long now = sim.now();
                long slot = Math.max(now, nextSlot.getOrDefault(connection, 0L));
                Duration wait = Duration.ofNanos(slot - now);
                if (wait.compareTo(maxWait) > 0) {
                    return CompletableFuture.failedFuture(new OfAuthException.RateLimited(
                            "the budget's wait is longer than " + maxWait, 429, null, null, wait));
                }
                nextSlot.put(connection, slot + interval.toNanos());
                CompletableFuture<Void> granted = new CompletableFuture<>();
                process.schedule(wait, () -> granted.complete(null));
                return granted;
            }

            @Override
            public Duration timeFor(ConnectionId connection, int requests) {
                return interval.multipliedBy(requests);
            }

            @Override
            public void backOff(ConnectionId connection, Duration wait) {
                nextSlot.merge(connection, sim.now() + wait.toNanos(), Math::max);
            }
        };
    }
}

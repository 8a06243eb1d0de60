package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ports.out.RateBudget;
import io.vertx.core.Vertx;

/**
 * Makes the rate budget a client paces its calls with, once per client. The default, {@link #local()}, keeps a token
 * bucket per connection in this process; a process that shares an API key with others uses a shared budget instead
 * (the {@code shared-redis} module's {@code RedisRateBudget}), so that together they stay within OFAuth's limit.
 *
 * <p>A budget that is {@link AutoCloseable} is closed with its client.
 */
public interface RateBudgetFactory {

    /**
     * Makes the budget.
     *
     * @param vertx  the client's Vert.x instance, for timers and network clients
     * @param limit  the limit per connection
     * @param apiKey the client's API key: a shared budget derives its keys from it, never storing it
     * @param delays the client's timers and elapsed time
     * @return the budget; its {@link Object#toString()} describes the limit for a job's record (as
     *     {@code 60/min burst 90}) and must not change with where the budget is kept
     */
    RateBudget open(Vertx vertx, ClientRateLimit limit, ApiKey apiKey, Timers delays);

    /**
     * The default: a token bucket per connection in this process. A call takes a token at once when one is free and
     * nobody waits; otherwise it waits in line, served in arrival order as tokens refill, or fails at its deadline.
     *
     * @return the factory of local budgets
     */
    static RateBudgetFactory local() {
        return Local.INSTANCE;
    }

    /** The factory of {@link ConnectionRateLimiter}s. */
    enum Local implements RateBudgetFactory {
        /** The one instance. */
        INSTANCE;

        @Override
        public RateBudget open(Vertx vertx, ClientRateLimit limit, ApiKey apiKey, Timers delays) {
            return new ConnectionRateLimiter(limit, delays);
        }

        @Override
        public String toString() {
            return "local";
        }
    }
}

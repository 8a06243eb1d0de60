package dev.ofauthqueue;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * How the blocking capabilities wait for their async twins: at most the builder's blocking timeout, never on a Vert.x
 * event loop (where waiting would stall every other request), rethrowing the stage's failure as it is.
 */
final class Blocking {

    private final Duration timeout;

    Blocking(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Waits for the call's answer, at most the timeout. */
    <T> T await(Supplier<? extends CompletionStage<T>> call) {
        return wait(call, true);
    }

    /** Waits for the call's answer however long it takes (a job running to its end). */
    <T> T awaitWithoutTimeout(Supplier<? extends CompletionStage<T>> call) {
        return wait(call, false);
    }

    private <T> T wait(Supplier<? extends CompletionStage<T>> call, boolean bounded) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("OfAuthQueue's blocking methods must not be called on a Vert.x event loop:"
                    + " use the same methods of ofauth.async() there");
        }
        try {
            var future = call.get().toCompletableFuture();
            return bounded ? future.get(timeout.toMillis(), TimeUnit.MILLISECONDS) : future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            // get() has already taken the failure out of any CompletionException around it.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new CompletionException(e);
        }
    }
}

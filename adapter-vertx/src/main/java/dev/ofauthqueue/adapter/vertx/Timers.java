package dev.ofauthqueue.adapter.vertx;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Where the client's waits (retry backoff, rate-limit pacing) and its sense of elapsed time come from. The default
 * uses Vert.x timers and {@link System#nanoTime()}; tests inject virtual time so that they never sleep.
 */
public interface Timers {

    /**
     * Waits.
     *
     * @param delay how long; zero or less completes at once
     * @return a stage completing after {@code delay}
     */
    CompletionStage<Void> after(Duration delay);

    /**
     * A monotonic reading, like {@link System#nanoTime()}.
     *
     * @return nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * Builds {@link Timers} from two functions.
     *
     * @param after    implements {@link #after(Duration)}
     * @param nanoTime implements {@link #nanoTime()}
     * @return the delays
     */
    static Timers of(Function<Duration, CompletionStage<Void>> after, LongSupplier nanoTime) {
        return new Timers() {
            @Override
            public CompletionStage<Void> after(Duration delay) {
                return after.apply(delay);
            }

            @Override
            public long nanoTime() {
                return nanoTime.getAsLong();
            }
        };
    }
}

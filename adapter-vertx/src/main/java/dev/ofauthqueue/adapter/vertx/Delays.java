package dev.ofauthqueue.adapter.vertx;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Where the client's waits (retry backoff, rate-limit pacing) and its sense of elapsed time come from. The default
 * uses Vert.x timers and {@link System#nanoTime()}; tests inject virtual time so that they never sleep.
 */
public interface Delays {

    /** Completes after {@code delay} (at once for zero). */
    CompletionStage<Void> after(Duration delay);

    /** A monotonic nanosecond reading, like {@link System#nanoTime()}. */
    long nanoTime();

    /** Builds {@link Delays} from two functions. */
    static Delays of(Function<Duration, CompletionStage<Void>> after, LongSupplier nanoTime) {
        return new Delays() {
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

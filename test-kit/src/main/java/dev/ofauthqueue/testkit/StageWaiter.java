package dev.ofauthqueue.testkit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a {@link CompletionStage} on the test's thread: its value, or the failure of one that must fail. A stage
 * that does not finish within the wait fails the test instead of hanging it.
 *
 * <pre>{@code
 * DeletionOutcome outcome = StageWaiter.await(queue.deleteScheduledMassMessage(query));
 * Throwable failure = StageWaiter.failureOf(queue.listScheduledQueue(expiredConnection));
 * }</pre>
 */
public final class StageWaiter {

    /**
     * The system property that sets {@link #DEFAULT_WAIT}: an ISO-8601 duration such as {@code PT2S}. The build's
     * mutation profiles set it short, so that a mutant that stops a stage from finishing fails the test at once
     * instead of holding it until pitest gives up on the whole JVM.
     */
    public static final String WAIT_PROPERTY = "ofauth.testkit.wait";

    /**
     * How long {@link #await(CompletionStage)} and {@link #failureOf(CompletionStage)} wait: 30 seconds, or what the
     * system property {@value #WAIT_PROPERTY} says.
     */
    public static final Duration DEFAULT_WAIT = waitFrom(System.getProperty(WAIT_PROPERTY));

    private StageWaiter() {}

    /**
     * The value of a stage that must succeed.
     *
     * @param stage the stage
     * @param <T>   its value's type
     * @return its value
     * @throws AssertionError when it fails (with the failure as the cause) or takes longer than {@link #DEFAULT_WAIT}
     */
    public static <T> T await(CompletionStage<T> stage) {
        return await(stage, DEFAULT_WAIT);
    }

    /**
     * The value of a stage that must succeed within {@code wait}.
     *
     * @param stage the stage
     * @param wait  how long to wait at most
     * @param <T>   its value's type
     * @return its value
     * @throws AssertionError when it fails (with the failure as the cause) or takes longer than {@code wait}
     */
    public static <T> T await(CompletionStage<T> stage, Duration wait) {
        try {
            return stage.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw new AssertionError("the stage failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not finish within " + wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a stage", e);
        }
    }

    /**
     * The failure of a stage that must fail.
     *
     * @param stage the stage
     * @return what it failed with, unwrapped from {@link CompletionException} and {@link ExecutionException}
     * @throws AssertionError when it succeeds or takes longer than {@link #DEFAULT_WAIT}
     */
    public static Throwable failureOf(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the stage succeeded with " + value + " where it must fail");
        } catch (ExecutionException e) {
            return unwrap(e);
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not finish within " + DEFAULT_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a stage", e);
        }
    }

    /**
     * The wait a value of {@value #WAIT_PROPERTY} sets: 30 seconds when there is none.
     *
     * @param property the property's value, or null
     * @return the wait
     * @throws IllegalArgumentException when the value is not a positive ISO-8601 duration
     */
    static Duration waitFrom(@Nullable String property) {
        if (property == null) {
            return Duration.ofSeconds(30);
        }
        try {
            Duration wait = Duration.parse(property);
            if (!wait.isNegative() && !wait.isZero()) {
                return wait;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new IllegalArgumentException(
                WAIT_PROPERTY + " must be a positive ISO-8601 duration such as PT30S, not '" + property + "'");
    }

    /**
     * The failure inside the wrappers that futures add.
     *
     * @param failure a failure as a future reports it
     * @return the innermost cause that is not a {@link CompletionException} or {@link ExecutionException}
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

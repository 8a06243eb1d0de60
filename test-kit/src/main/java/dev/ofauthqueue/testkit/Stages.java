package dev.ofauthqueue.testkit;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a {@link CompletionStage} on the test's thread: its value, or the failure of one that must fail. A stage
 * that does not finish within the wait fails the test instead of hanging it.
 *
 * <pre>{@code
 * DeletionOutcome outcome = Stages.await(queue.deleteScheduledMassMessage(query));
 * Throwable failure = Stages.failureOf(queue.listScheduledQueue(expiredConnection));
 * }</pre>
 */
public final class Stages {

    /** How long {@link #await(CompletionStage)} and {@link #failureOf(CompletionStage)} wait: 30 seconds. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private Stages() {}

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

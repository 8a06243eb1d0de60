package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionJobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * What one run of a deletion job (its start, or one resume, in one process) added up to, kept with the job by its
 * store when the run ends, so that {@code ofauth-queue jobs show} and {@code deletionJobRuns} can tell afterwards
 * where its time went. Counted by the job engine of the process that ran it; a shared job run by several processes
 * has one run per process.
 *
 * <pre>{@code
 * for (DeletionJobRun run : ofauth.jobs().runs(job)) {
 *     System.out.println(run.state() + " after " + run.duration() + ", " + run.budgetWait()
 *             + " waiting for the rate budget, " + run.rateLimited() + " answered 429");
 * }
 * }</pre>
 *
 * @param startedAt   when the run started (the job service's clock)
 * @param endedAt     when it ended
 * @param state       how it ended: completed, canceled or stopped (a connection refused); a run that ended because
 *                    the store failed keeps no figures (the store could not take them)
 * @param settled     how many items this run gave a final outcome (deleted, already gone, refused)
 * @param failed      how many of its items failed or stayed unconfirmed (a resume tries them again)
 * @param tokens      how many tokens of the connections' rate budgets it took (one per request it sent)
 * @param budgetWait  the time its connections spent waiting for those tokens, added up (at most
 *                    {@link #LONGEST}, as every duration here)
 * @param rateLimited how many of its requests OFAuth answered 429
 * @param retryAfter  the waits those 429s asked for ({@code Retry-After}), added up
 * @param listPages   how many pages of scheduled queues it read to refresh its snapshots
 * @param attempts    how many attempts of DELETE requests it sent (each request's first and its retries)
 * @param retries     how many of those attempts were retries
 * @param attemptP50  the median of those attempts' durations (nearest rank; zero with none)
 * @param attemptP99  their 99th percentile (nearest rank; zero with none)
 * @param takeovers   how many items of a shared job it took over from a process that stopped renewing its lease
 * @param deadLetters how many items of a shared job its queue set aside as dead letters (handed out too often)
 */
@NullMarked
public record DeletionJobRun(
        Instant startedAt,
        Instant endedAt,
        DeletionJobState state,
        int settled,
        int failed,
        int tokens,
        Duration budgetWait,
        int rateLimited,
        Duration retryAfter,
        int listPages,
        int attempts,
        int retries,
        Duration attemptP50,
        Duration attemptP99,
        int takeovers,
        int deadLetters) {

    /** The longest duration a run's figures hold (about 292 years, in nanoseconds): longer sums are cut to it. */
    public static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * Checks the figures.
     *
     * @param startedAt   when the run started
     * @param endedAt     when it ended
     * @param state       how it ended
     * @param settled     how many items this run gave a final outcome
     * @param failed      how many of its items failed or stayed unconfirmed
     * @param tokens      how many tokens of the rate budgets it took
     * @param budgetWait  the time spent waiting for those tokens
     * @param rateLimited how many of its requests OFAuth answered 429
     * @param retryAfter  the waits those 429s asked for
     * @param listPages   how many pages of scheduled queues it read
     * @param attempts    how many attempts of DELETE requests it sent
     * @param retries     how many of those attempts were retries
     * @param attemptP50  the median of those attempts' durations
     * @param attemptP99  their 99th percentile
     * @param takeovers   how many items it took over from a process that stopped renewing its lease
     * @param deadLetters how many items its queue set aside as dead letters
     * @throws NullPointerException     when an object is {@code null}
     * @throws IllegalArgumentException when a count or a duration is negative, there are more retries than attempts,
     *     the median is above the 99th percentile, the run ends before it starts or is said to be still running
     */
    public DeletionJobRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(budgetWait, "budgetWait");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(attemptP50, "attemptP50");
        Objects.requireNonNull(attemptP99, "attemptP99");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException(
                    "a run cannot end (" + endedAt + ") before it starts (" + startedAt + ")");
        }
        if (state == DeletionJobState.RUNNING) {
            throw new IllegalArgumentException("a run that ended is not RUNNING");
        }
        if (settled < 0
                || failed < 0
                || tokens < 0
                || rateLimited < 0
                || listPages < 0
                || attempts < 0
                || retries < 0
                || takeovers < 0
                || deadLetters < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (budgetWait.isNegative() || retryAfter.isNegative() || attemptP50.isNegative() || attemptP99.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (retries > attempts) {
            throw new IllegalArgumentException(
                    "a run cannot have more retries (" + retries + ") than attempts (" + attempts + ")");
        }
        if (attemptP50.compareTo(attemptP99) > 0) {
            throw new IllegalArgumentException(
                    "the median (" + attemptP50 + ") cannot be above the 99th percentile (" + attemptP99 + ")");
        }
        budgetWait = atMostLongest(budgetWait);
        retryAfter = atMostLongest(retryAfter);
    }

    /**
     * How many requests this run sent per item it handled (settled or failed): its DELETE attempts and list pages,
     * divided by its items, to two decimals; zero when it handled none. Near 1 on a quiet run; retries, 429s and
     * re-listing push it up.
     *
     * @return requests per message
     */
    public double requestsPerMessage() {
        int items = settled + failed;
        return items == 0 ? 0 : Math.round(100.0 * ((long) attempts + listPages) / items) / 100.0;
    }

    private static Duration atMostLongest(Duration d) {
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    /**
     * How long the run took.
     *
     * @return from its start to its end
     */
    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}

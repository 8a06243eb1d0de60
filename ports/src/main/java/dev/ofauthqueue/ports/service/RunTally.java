package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.domain.DeletionJobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * What one run of a job adds up to while it runs: told at the same points as the job's listener, on the job's
 * scheduler (one task at a time), and written to the store as a {@link DeletionJobRun} when the run ends.
 */
final class RunTally {

    /** The most attempt durations kept for the percentiles (800 kB; 27 hours at OFAuth's pace): later ones still count. */
    static final int MAX_SAMPLES = 100_000;

    private final Instant startedAt;
    private int settled;
    private int failed;
    private int tokens;
    private Duration budgetWait = Duration.ZERO;
    private int rateLimited;
    private Duration retryAfter = Duration.ZERO;
    private int listPages;
    private int attempts;
    private int retries;
    private long[] attemptNanos = new long[64];
    private int samples;
    private int takeovers;
    private int deadLetters;

    RunTally(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void budgetGranted(Duration waited) {
        tokens++;
        budgetWait = added(budgetWait, waited);
    }

    void rateLimited(Optional<Duration> wait) {
        rateLimited++;
        wait.ifPresent(w -> retryAfter = added(retryAfter, w));
    }

    /**
     * {@code sum} plus {@code more}, a negative one counting for nothing and the total cut at {@link
     * DeletionJobRun#LONGEST}: a hostile server's {@code Retry-After} of 2<sup>63</sup> seconds, twice, is no overflow.
     */
    private static Duration added(Duration sum, Duration more) {
        if (more.isNegative()) {
            return sum;
        }
        Duration total = sum.plus(more.compareTo(DeletionJobRun.LONGEST) > 0 ? DeletionJobRun.LONGEST : more);
        return total.compareTo(DeletionJobRun.LONGEST) > 0 ? DeletionJobRun.LONGEST : total;
    }

    /** An attempt of a DELETE ended after {@code took}; {@code attempt} above 1 is a retry. */
    void attemptEnded(int attempt, Duration took) {
        attempts++;
        if (attempt > 1) {
            retries++;
        }
        if (samples < MAX_SAMPLES) {
            if (samples == attemptNanos.length) {
                attemptNanos = Arrays.copyOf(attemptNanos, Math.min(MAX_SAMPLES, samples * 2));
            }
            attemptNanos[samples++] = took.isNegative()
                    ? 0
                    : took.compareTo(DeletionJobRun.LONGEST) > 0 ? Long.MAX_VALUE : took.toNanos();
        }
    }

    /** The nearest-rank {@code percent}-th percentile of the kept durations, sorted; zero with none. */
    private static Duration percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    void takeover() {
        takeovers++;
    }

    void deadLettered(int items) {
        deadLetters += items;
    }

    void listed(int pages) {
        listPages += Math.max(0, pages);
    }

    void outcome(JobItemState state) {
        if (state.isFinal()) {
            settled++;
        } else if (state == JobItemState.FAILED || state == JobItemState.UNCONFIRMED) {
            failed++;
        }
    }

    /** The run's figures, ending at {@code endedAt} (never before its start, whatever the clock did) in {@code state}. */
    DeletionJobRun ended(Instant endedAt, DeletionJobState state) {
        Instant end = endedAt.isBefore(startedAt) ? startedAt : endedAt;
        long[] sorted = Arrays.copyOf(attemptNanos, samples);
        Arrays.sort(sorted);
        return new DeletionJobRun(
                startedAt,
                end,
                state,
                settled,
                failed,
                tokens,
                budgetWait,
                rateLimited,
                retryAfter,
                listPages,
                attempts,
                retries,
                percentile(sorted, 50),
                percentile(sorted, 99),
                takeovers,
                deadLetters);
    }
}

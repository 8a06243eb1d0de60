package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunTallyTest {

    static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void aRunAddsUpItsTokensWaits429sPagesAndOutcomes() {
        RunTally tally = new RunTally(T0);

        tally.budgetGranted(Duration.ofSeconds(2));
        tally.budgetGranted(Duration.ofMillis(500));
        tally.rateLimited(Optional.of(Duration.ofSeconds(30)));
        tally.rateLimited(Optional.empty());
        tally.listed(3);
        tally.listed(1);
        tally.takeover();
        tally.deadLettered(3);
        for (int ms = 100; ms >= 1; ms--) {
            tally.attemptEnded(ms % 10 == 0 ? 2 : 1, Duration.ofMillis(ms));
        }
        for (JobItemState state : JobItemState.values()) {
            tally.outcome(state);
        }

        assertThat(tally.ended(T0.plusSeconds(90), DeletionJobState.COMPLETED))
                .isEqualTo(new DeletionJobRun(
                        T0,
                        T0.plusSeconds(90),
                        DeletionJobState.COMPLETED,
                        3,
                        2,
                        2,
                        Duration.ofMillis(2500),
                        2,
                        Duration.ofSeconds(30),
                        4,
                        100,
                        10,
                        Duration.ofMillis(50),
                        Duration.ofMillis(99),
                        1,
                        3));
    }

    /** A clock stepped back, or a negative wait from a port or a budget that misbehaves, makes no negative figure. */
    @Test
    void negativeWaitsPagesAndAClockSteppedBackCountForNothing() {
        RunTally tally = new RunTally(T0);

        tally.budgetGranted(Duration.ofSeconds(-5));
        tally.rateLimited(Optional.of(Duration.ofSeconds(-1)));
        tally.listed(-2);
        tally.attemptEnded(1, Duration.ofMillis(-7));
        DeletionJobRun run = tally.ended(T0.minusSeconds(60), DeletionJobState.CANCELED);

        assertThat(run.endedAt()).isEqualTo(T0);
        assertThat(run.duration()).isZero();
        assertThat(run.tokens()).isEqualTo(1);
        assertThat(run.budgetWait()).isZero();
        assertThat(run.rateLimited()).isEqualTo(1);
        assertThat(run.retryAfter()).isZero();
        assertThat(run.listPages()).isZero();
        assertThat(run.attempts()).isEqualTo(1);
        assertThat(run.attemptP99()).isZero();
    }

    /** Attempts past the durations kept still count; the percentiles are those of the kept ones. */
    @Test
    void attemptsPastTheKeptDurationsStillCount() {
        RunTally tally = new RunTally(T0);

        for (int i = 0; i < RunTally.MAX_SAMPLES; i++) {
            tally.attemptEnded(1, Duration.ofMillis(20));
        }
        tally.attemptEnded(2, Duration.ofHours(1));

        DeletionJobRun run = tally.ended(T0, DeletionJobState.COMPLETED);
        assertThat(run.attempts()).isEqualTo(RunTally.MAX_SAMPLES + 1);
        assertThat(run.retries()).isEqualTo(1);
        assertThat(run.attemptP50()).isEqualTo(Duration.ofMillis(20));
        assertThat(run.attemptP99()).isEqualTo(Duration.ofMillis(20));
    }

    /** A hostile server's Retry-After of Long.MAX_VALUE seconds, twice: the sum stops at the longest a run holds. */
    @Test
    void waitsTooLongToAddUpAreCutAtTheLongestARunHolds() {
        RunTally tally = new RunTally(T0);
        Duration endless = Duration.ofSeconds(Long.MAX_VALUE);

        tally.rateLimited(Optional.of(endless));
        tally.rateLimited(Optional.of(endless));
        tally.budgetGranted(DeletionJobRun.LONGEST);
        tally.budgetGranted(DeletionJobRun.LONGEST);
        tally.attemptEnded(1, endless);

        DeletionJobRun run = tally.ended(T0, DeletionJobState.COMPLETED);
        assertThat(run.retryAfter()).isEqualTo(DeletionJobRun.LONGEST);
        assertThat(run.budgetWait()).isEqualTo(DeletionJobRun.LONGEST);
        assertThat(run.rateLimited()).isEqualTo(2);
        assertThat(run.attemptP99()).isEqualTo(DeletionJobRun.LONGEST);
    }

    @ParameterizedTest
    @EnumSource(
            value = JobItemState.class,
            names = {"PENDING", "IN_FLIGHT"})
    void anItemPutBackInLineIsNeitherSettledNorFailed(JobItemState state) {
        RunTally tally = new RunTally(T0);

        tally.outcome(state);

        DeletionJobRun run = tally.ended(T0, DeletionJobState.COMPLETED);
        assertThat(run.settled()).isZero();
        assertThat(run.failed()).isZero();
    }

    @Test
    void theInMemoryStoreKeepsTheNewestRunsOldestFirst() {
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobId id = store.create(T0, JobProgressTest.SETTINGS, List.of());
        List<DeletionJobRun> recorded = new ArrayList<>();
        for (int i = 0; i <= DeletionJobStore.MAX_RUNS; i++) {
            DeletionJobRun run = new RunTally(T0.plusSeconds(i)).ended(T0.plusSeconds(i), DeletionJobState.COMPLETED);
            recorded.add(run);
            store.recordRun(id, run);
        }

        assertThat(store.runs(id)).containsExactlyElementsOf(recorded.subList(1, recorded.size()));
    }
}

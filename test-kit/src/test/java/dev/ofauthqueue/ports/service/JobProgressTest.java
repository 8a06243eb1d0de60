package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a running job's counts say, and what a stored job's status says when no run here drives it. */
class JobProgressTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final JobSettings SETTINGS = new JobSettings(
            "http://127.0.0.1:1", "scheduled", "60/min", "standard", Selection.all(), Duration.ofMinutes(5), false, 4);

    /** A job of A's items 1–3 and B's item 4, in the states given, in plan order. */
    static StoredJob job(DeletionJobState state, JobItemState... states) {
        List<StoredItem> items = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            ScheduledMassMessage message = ScheduledMassMessage.builder(i + 1)
                    .text("m" + (i + 1))
                    .sendAt(NOW.plusSeconds(3600))
                    .build();
            items.add(new StoredItem(
                    new PlannedItem(i < 3 ? A : B, message, Optional.empty(), NOW),
                    i,
                    states[i],
                    Optional.empty(),
                    Optional.empty()));
        }
        return new StoredJob(DeletionJobId.of(7), NOW, SETTINGS, state, items, Map.of(B, "session expired"));
    }

    @Test
    void countsStartFromTheStoredStatesWithEveryStateNamed() {
        JobProgress progress = new JobProgress(job(
                DeletionJobState.RUNNING,
                JobItemState.DELETED,
                JobItemState.PENDING,
                JobItemState.IN_FLIGHT,
                JobItemState.REFUSED));

        assertThat(progress.counts())
                .containsEntry(JobItemState.DELETED, 1)
                .containsEntry(JobItemState.PENDING, 1)
                .containsEntry(JobItemState.IN_FLIGHT, 1)
                .containsEntry(JobItemState.REFUSED, 1)
                .containsEntry(JobItemState.FAILED, 0)
                .hasSize(JobItemState.values().length);
        assertThat(progress.total()).isEqualTo(4);
        assertThat(progress.settled()).as("DELETED and REFUSED are final").isEqualTo(2);
        assertThat(progress.open(A)).as("A's PENDING and IN_FLIGHT").isEqualTo(2);
        assertThat(progress.open(B)).isZero();
        assertThat(progress.stateOf(2)).isEqualTo(JobItemState.IN_FLIGHT);
        assertThat(progress.stateOf(99)).as("a position never seen").isEqualTo(JobItemState.PENDING);
    }

    @Test
    void aMoveTakesTheItemFromItsOldCountToItsNewOne() {
        JobProgress progress = new JobProgress(
                job(DeletionJobState.RUNNING, JobItemState.PENDING, JobItemState.PENDING, JobItemState.PENDING));

        progress.move(0, JobItemState.IN_FLIGHT);
        progress.move(0, JobItemState.DELETED);
        progress.move(1, JobItemState.UNCONFIRMED);

        assertThat(progress.counts())
                .containsEntry(JobItemState.PENDING, 1)
                .containsEntry(JobItemState.IN_FLIGHT, 0)
                .containsEntry(JobItemState.DELETED, 1)
                .containsEntry(JobItemState.UNCONFIRMED, 1);
        assertThat(progress.settled())
                .as("UNCONFIRMED is not final: a later run settles it")
                .isEqualTo(1);
        assertThat(progress.open(A)).isEqualTo(2);
        assertThat(progress.stateOf(0)).isEqualTo(JobItemState.DELETED);
    }

    @Test
    void aRecountReplacesWhatThisProcessSawWithWhatIsStored() {
        JobProgress progress =
                new JobProgress(job(DeletionJobState.RUNNING, JobItemState.PENDING, JobItemState.PENDING));
        progress.move(0, JobItemState.DELETED);

        progress.recount(job(DeletionJobState.COMPLETED, JobItemState.REFUSED, JobItemState.DELETED));

        assertThat(progress.counts())
                .containsEntry(JobItemState.PENDING, 0)
                .containsEntry(JobItemState.REFUSED, 1)
                .containsEntry(JobItemState.DELETED, 1);
        assertThat(progress.stateOf(0)).isEqualTo(JobItemState.REFUSED);
        progress.move(1, JobItemState.IN_FLIGHT);

        progress.recount(job(DeletionJobState.COMPLETED, JobItemState.DELETED));

        assertThat(progress.stateOf(1)).as("not in the stored job: forgotten").isEqualTo(JobItemState.PENDING);
        assertThat(progress.counts()).containsEntry(JobItemState.IN_FLIGHT, 0).containsEntry(JobItemState.DELETED, 1);
    }

    @Test
    void aStoredJobRunningNowhereButMarkedRunningReadsAsInterrupted() {
        StoredJob stored = job(DeletionJobState.RUNNING, JobItemState.DELETED, JobItemState.PENDING);

        DeletionJobStatus status = JobProgress.statusOfStored(stored, false);

        assertThat(status.state()).isEqualTo(DeletionJobState.INTERRUPTED);
        assertThat(status.id()).isEqualTo(DeletionJobId.of(7));
        assertThat(status.createdAt()).isEqualTo(NOW);
        assertThat(status.target()).isEqualTo("http://127.0.0.1:1");
        assertThat(status.count(JobItemState.DELETED)).isEqualTo(1);
        assertThat(status.count(JobItemState.PENDING)).isEqualTo(1);
        assertThat(status.stopped()).containsOnlyKeys(B);
        assertThat(status.estimatedTimeLeft()).isZero();
    }

    @Test
    void aStoredJobRunningElsewhereReadsAsRunningWhateverItsStoredState() {
        assertThat(JobProgress.statusOfStored(job(DeletionJobState.CANCELED, JobItemState.PENDING), true)
                        .state())
                .as("asked to stop, not stopped yet")
                .isEqualTo(DeletionJobState.RUNNING);
        assertThat(JobProgress.statusOfStored(job(DeletionJobState.COMPLETED, JobItemState.DELETED), false)
                        .state())
                .isEqualTo(DeletionJobState.COMPLETED);
    }
}

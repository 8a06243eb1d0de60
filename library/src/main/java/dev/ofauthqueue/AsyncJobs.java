package dev.ofauthqueue;

import dev.ofauthqueue.ports.in.DeletionJobsUseCase;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Deletion jobs: durable, resumable deletions across many connections, kept in the job store, each call answering a
 * {@link CompletionStage}. {@link Jobs} has the same methods, waiting for their answers. The job store is opened on the
 * first call (a store that cannot be opened throws {@code DeletionJobStoreException} from that call, naming why).
 *
 * <pre>{@code
 * ofauth.async().jobs()
 *         .start(StartDeletionJobCommand.of(List.of(ConnectionId.of("conn_demo")), Selection.all().paid(false)))
 *         .thenCompose(id -> ofauth.async().jobs().await(id))
 *         .thenAccept(status -> System.out.println(status.state()));
 * }</pre>
 */
public final class AsyncJobs {

    private final Supplier<DeletionJobsUseCase> jobs;

    AsyncJobs(Supplier<DeletionJobsUseCase> jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /**
     * Plans every connection (or takes the command's plans), stores the job and starts running it in the background.
     *
     * @param command which connections and messages, and how
     * @return the job's id, once its plan is stored
     */
    public CompletionStage<DeletionJobId> start(StartDeletionJobCommand command) {
        return jobs.get().startDeletionJob(command);
    }

    /**
     * Continues a job that was interrupted, canceled or stopped, never deleting a message twice.
     *
     * @param job the job
     * @return the job's id, once it runs again; fails when it runs elsewhere or this object's settings differ from the
     *     job's
     */
    public CompletionStage<DeletionJobId> resume(DeletionJobId job) {
        return resume(job, DeletionJobListener.NONE);
    }

    /**
     * Continues a job, telling {@code listener} of each item's outcome.
     *
     * @param job      the job
     * @param listener told of each item's outcome
     * @return the job's id, once it runs again
     */
    public CompletionStage<DeletionJobId> resume(DeletionJobId job, DeletionJobListener listener) {
        return jobs.get().resumeDeletionJob(job, listener);
    }

    /**
     * Where a job stands now.
     *
     * @param job the job
     * @return its status; fails when the store has no such job
     */
    public CompletionStage<DeletionJobStatus> status(DeletionJobId job) {
        return jobs.get().deletionJobStatus(job);
    }

    /**
     * What a job's runs added up to, oldest first: when each started and ended, how it ended, the items it settled, its
     * rate-budget tokens and their wait, OFAuth's 429s and the waits they asked for, and the pages it listed.
     *
     * @param job the job
     * @return its runs (the newest 100); fails when the store has no such job
     */
    public CompletionStage<List<DeletionJobRun>> runs(DeletionJobId job) {
        return jobs.get().deletionJobRuns(job);
    }

    /**
     * Waits for a job running in this process to end (completed, canceled or stopped).
     *
     * @param job the job
     * @return its final status; at once when it is not running here
     */
    public CompletionStage<DeletionJobStatus> await(DeletionJobId job) {
        return jobs.get().awaitDeletionJob(job);
    }

    /**
     * Stops a job, here or in the process running it; it stays resumable.
     *
     * @param job the job
     * @return its status
     */
    public CompletionStage<DeletionJobStatus> cancel(DeletionJobId job) {
        return jobs.get().cancelDeletionJob(job);
    }

    /**
     * Every job in the store, newest first.
     *
     * @return their statuses
     */
    public CompletionStage<List<DeletionJobStatus>> list() {
        return jobs.get().deletionJobs();
    }

    /**
     * What jobs deleted, oldest first: each message as OFAuth answered its DELETE.
     *
     * @param query which jobs, connections and time range
     * @return the archived deletions
     */
    public CompletionStage<List<ArchivedDeletion>> archive(ArchiveQuery query) {
        return jobs.get().deletedMessages(query);
    }

    /**
     * Re-creates what a job deleted as new scheduled mass messages, each at most once.
     *
     * @param command which job, to whom, and what to do with dates that passed
     * @return every outcome, in the job's plan order
     */
    public CompletionStage<List<RestoreOutcome>> restore(RestoreDeletedCommand command) {
        return jobs.get().restoreDeletedMessages(command);
    }
}

package dev.ofauthqueue;

import java.util.List;
import java.util.Objects;

/**
 * Deletion jobs, each call waiting for its answer: at most the builder's blocking timeout, except {@link #await}, which
 * waits for the job's end however long it runs; never on a Vert.x event loop. {@link AsyncJobs} has the same methods,
 * answering stages.
 *
 * <pre>{@code
 * DeletionJobId id = ofauth.jobs()
 *         .start(StartDeletionJobCommand.of(List.of(ConnectionId.of("conn_demo")), Selection.all().paid(false)));
 * DeletionJobStatus done = ofauth.jobs().await(id);
 * System.out.println(done.count(JobItemState.DELETED) + " deleted");
 * }</pre>
 */
public final class Jobs {

    private final AsyncJobs async;
    private final Blocking blocking;

    Jobs(AsyncJobs async, Blocking blocking) {
        this.async = Objects.requireNonNull(async, "async");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    /**
     * Plans every connection (or takes the command's plans), stores the job and starts running it in the background.
     *
     * @param command which connections and messages, and how
     * @return the job's id, once its plan is stored
     */
    public DeletionJobId start(StartDeletionJobCommand command) {
        return blocking.await(() -> async.start(command));
    }

    /**
     * Continues a job that was interrupted, canceled or stopped, never deleting a message twice.
     *
     * @param job the job
     * @return the job's id, once it runs again
     */
    public DeletionJobId resume(DeletionJobId job) {
        return blocking.await(() -> async.resume(job));
    }

    /**
     * Continues a job, telling {@code listener} of each item's outcome.
     *
     * @param job      the job
     * @param listener told of each item's outcome
     * @return the job's id, once it runs again
     */
    public DeletionJobId resume(DeletionJobId job, DeletionJobListener listener) {
        return blocking.await(() -> async.resume(job, listener));
    }

    /**
     * What a job's runs added up to, oldest first: when each started and ended, how it ended, the items it settled, its
     * rate-budget tokens and their wait, OFAuth's 429s and the waits they asked for, and the pages it listed.
     *
     * @param job the job
     * @return its runs (the newest 100)
     */
    public List<DeletionJobRun> runs(DeletionJobId job) {
        return blocking.await(() -> async.runs(job));
    }

    /**
     * Where a job stands now.
     *
     * @param job the job
     * @return its status
     */
    public DeletionJobStatus status(DeletionJobId job) {
        return blocking.await(() -> async.status(job));
    }

    /**
     * Waits for a job running in this process to end, however long it runs.
     *
     * @param job the job
     * @return its final status; at once when it is not running here
     */
    public DeletionJobStatus await(DeletionJobId job) {
        return blocking.awaitWithoutTimeout(() -> async.await(job));
    }

    /**
     * Stops a job, here or in the process running it; it stays resumable.
     *
     * @param job the job
     * @return its status
     */
    public DeletionJobStatus cancel(DeletionJobId job) {
        return blocking.await(() -> async.cancel(job));
    }

    /**
     * Every job in the store, newest first.
     *
     * @return their statuses
     */
    public List<DeletionJobStatus> list() {
        return blocking.await(async::list);
    }

    /**
     * What jobs deleted, oldest first.
     *
     * @param query which jobs, connections and time range
     * @return the archived deletions
     */
    public List<ArchivedDeletion> archive(ArchiveQuery query) {
        return blocking.await(() -> async.archive(query));
    }

    /**
     * Re-creates what a job deleted as new scheduled mass messages, each at most once.
     *
     * @param command which job, to whom, and what to do with dates that passed
     * @return every outcome, in the job's plan order
     */
    public List<RestoreOutcome> restore(RestoreDeletedCommand command) {
        return blocking.await(() -> async.restore(command));
    }
}

package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.RestoreDeletedCommand;
import dev.ofauthqueue.RestoreOutcome;
import dev.ofauthqueue.StartDeletionJobCommand;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Deletion jobs: durable, resumable deletions across many connections. A job plans each connection (one listing,
 * page by page), writes the plan to the job store, then sends one DELETE per message, each connection within its own
 * rate budget and all under one concurrency bound. Before each DELETE the policy is evaluated again against the
 * plan's snapshot at the current instant, and the job commits its intent; after it, the outcome. A job survives its
 * process: {@link #resumeDeletionJob} continues it without ever deleting a message twice.
 *
 * <p>Failures of the store are {@code DeletionJobStoreException}s; those of planning are the port's failures. Both
 * fail the returned stage.
 */
public interface DeletionJobsUseCase {

    /**
     * Plans every connection, stores the job and starts running it in the background.
     *
     * @param command which connections and messages, and how
     * @return the job's id, once its plan is stored
     */
    CompletionStage<DeletionJobId> startDeletionJob(StartDeletionJobCommand command);

    /**
     * Continues a job that was interrupted (its process died), canceled or stopped, with the settings it was created
     * with: items with a final outcome are skipped, failed ones tried again, and items whose DELETE may have gone out
     * without a recorded outcome are settled by reading the message (gone: deleted; still scheduled: decided again).
     *
     * @param job      the job
     * @param listener told of each item's outcome
     * @return the job's id, once it runs again; fails when the job is running elsewhere or this service's settings
     *     differ from the job's
     */
    CompletionStage<DeletionJobId> resumeDeletionJob(DeletionJobId job, DeletionJobListener listener);

    /**
     * Where a job stands now.
     *
     * @param job the job
     * @return its status; fails when the store has no such job
     */
    CompletionStage<DeletionJobStatus> deletionJobStatus(DeletionJobId job);

    /**
     * What a job's runs added up to (budget waits, 429s, list pages, items settled), oldest first: every run that
     * ended, the newest {@code DeletionJobStore.MAX_RUNS}.
     *
     * @param job the job
     * @return its runs; fails when the store has no such job
     */
    CompletionStage<List<DeletionJobRun>> deletionJobRuns(DeletionJobId job);

    /**
     * Waits for a job running in this process to end (completed, canceled or stopped).
     *
     * @param job the job
     * @return its final status; at once when it is not running here
     */
    CompletionStage<DeletionJobStatus> awaitDeletionJob(DeletionJobId job);

    /**
     * Stops a job: running in this process, it stops taking new items and settles those in flight; running in another
     * process, that process is asked through the store and stops within a second; not running, it is marked canceled.
     * A canceled job can be resumed.
     *
     * @param job the job
     * @return its status: once nothing is in flight when it runs here, at once otherwise
     */
    CompletionStage<DeletionJobStatus> cancelDeletionJob(DeletionJobId job);

    /**
     * Every job in the store, newest first.
     *
     * @return their statuses
     */
    CompletionStage<List<DeletionJobStatus>> deletionJobs();

    /**
     * What jobs deleted, oldest first: each message's {@code queue} object as OFAuth answered the DELETE (or the
     * plan's snapshot when that answer was lost).
     *
     * @param query which jobs, connections and time range
     * @return the archived deletions
     */
    CompletionStage<List<ArchivedDeletion>> deletedMessages(ArchiveQuery query);

    /**
     * Re-creates what a job deleted as new scheduled mass messages (text, price, media, the original send date when it
     * is still ahead), each at most once: an intent is recorded before each POST and the new id after it, a POST is
     * never repeated, and an intent without a result is settled by looking in the queue for what it created (else the
     * message is {@link RestoreOutcome.Kind#UNCONFIRMED}, never sent again automatically). Running it again creates
     * nothing twice.
     *
     * @param command which job, to whom, and what to do with dates that passed
     * @return every outcome, in the job's plan order, once all are known
     */
    CompletionStage<List<RestoreOutcome>> restoreDeletedMessages(RestoreDeletedCommand command);
}

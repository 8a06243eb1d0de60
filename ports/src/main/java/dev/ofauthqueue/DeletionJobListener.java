package dev.ofauthqueue;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * Hears a deletion job's progress, on the job service's own thread: keep it quick. An exception thrown here is
 * ignored and never changes the job.
 *
 * <pre>{@code
 * DeletionJobId id = ofauth.jobs()
 *         .resume(DeletionJobId.of(7), event -> System.out.println(event.connection() + " " + event.state()));
 * }</pre>
 */
@FunctionalInterface
@NullMarked
public interface DeletionJobListener {

    /** A listener that ignores everything. */
    DeletionJobListener NONE = event -> {};

    /**
     * Hears that the job is stored and about to send its first request: called once per run, before any DELETE.
     *
     * @param job   the job
     * @param items how many messages it holds
     */
    default void onJobStored(DeletionJobId job, int items) {}

    /**
     * Hears that an item got an outcome (final or not).
     *
     * @param event the item and its outcome
     */
    void onItem(DeletionJobEvent event);

    /**
     * Hears that a connection stopped: OFAuth refused its authentication or permission, so its remaining items wait
     * while the other connections go on.
     *
     * @param job        the job
     * @param connection the connection
     * @param reason     OFAuth's answer, without secrets
     */
    default void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {}

    /**
     * Hears that a connection got a token of its rate budget for its next request, and how long it waited for it on
     * the job service's clock (zero when one was there). Once per token: their count is the requests the job paced, the
     * sum of the waits the time it spent waiting for the budget.
     *
     * @param job        the job
     * @param connection the connection
     * @param waited     from asking for the token to getting it
     */
    default void onBudgetGranted(DeletionJobId job, ConnectionId connection, Duration waited) {}

    /**
     * Hears that OFAuth answered an item's request with 429: the item goes back in line (and fails after
     * ten in one run; resuming tries it again).
     *
     * @param job        the job
     * @param connection the connection
     * @param retryAfter how long OFAuth asked to wait ({@code Retry-After} or its reset time), when it said
     */
    default void onRateLimited(DeletionJobId job, ConnectionId connection, Optional<Duration> retryAfter) {}

    /**
     * Hears that the job listed a connection's scheduled queue again (its snapshots were older than the job's maximum
     * plan age): once per listing, however many items waited for it.
     *
     * @param job        the job
     * @param connection the connection
     * @param pages      how many pages the listing read
     */
    default void onListed(DeletionJobId job, ConnectionId connection, int pages) {}

    /**
     * Hears that this process took over an item of a shared job from a process that stopped renewing its lease (it
     * died, or paused longer than the lease): the item is settled by reading before anything is sent for it.
     *
     * @param job        the job
     * @param connection whose item
     */
    default void onLeaseTakenOver(DeletionJobId job, ConnectionId connection) {}

    /**
     * Hears that a shared job's queue set items aside as dead letters instead of handing them out: each was handed out
     * too often without an outcome (every process that took it stopped) and is recorded {@code UNCONFIRMED}, settled by
     * reading when the job is resumed.
     *
     * @param job        the job
     * @param connection whose items
     * @param items      how many were set aside
     */
    default void onDeadLettered(DeletionJobId job, ConnectionId connection, int items) {}

    /**
     * Hears the job's status: when its run starts, after each item's outcome, and when the run ends (its state then
     * no longer {@code RUNNING}), for gauges of items by state and of the time left. Made only for a listener that
     * overrides this method.
     *
     * @param status the job's counts, state and estimated time left
     */
    default void onStatus(DeletionJobStatus status) {}
}

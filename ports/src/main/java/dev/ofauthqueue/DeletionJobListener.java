package dev.ofauthqueue;

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
}

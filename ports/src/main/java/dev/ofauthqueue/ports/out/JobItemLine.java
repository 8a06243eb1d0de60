package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.domain.ConnectionId;
import java.time.Duration;

/**
 * One process's place in the line of a job's items that several processes drain together (a store that allows it
 * hands one out: {@link DeletionJobStore#line}). Each item is handed to one process at a time; an item whose process
 * stopped without settling it is handed to another after a lease, marked {@linkplain Take#reclaimed() reclaimed}, so
 * that it is settled by reading the message first, as resuming does.
 *
 * <p>Called from the job service's own thread, never from an event loop; every method blocks. Failures are {@link
 * DeletionJobStoreException}s naming the store.
 */
public interface JobItemLine extends AutoCloseable {

    /** What {@link #take} found. */
    sealed interface Next permits Take, Nothing {}

    /**
     * An item for this process.
     *
     * @param position  its place in the job
     * @param reclaimed whether another process held it before and stopped: its DELETE may have gone out
     * @param ticket    what {@link #done} needs to give it back; opaque
     * @param stored    the item as the store holds it now (its snapshot may have been refreshed by another process)
     */
    record Take(int position, boolean reclaimed, String ticket, DeletionJobStore.PlannedItem stored) implements Next {}

    /**
     * Nothing to take now.
     *
     * @param drained {@code true} when nothing is left for anyone: every item of the connection was settled; {@code
     *     false} when other processes still hold some (one that stopped loses them after the lease: ask again)
     * @param askAgainIn when the first item held elsewhere could be taken over, should its process have stopped
     */
    record Nothing(boolean drained, Duration askAgainIn) implements Next {
        /**
         * Checks the wait.
         *
         * @param drained    whether nothing is left for anyone
         * @param askAgainIn when to ask again; not negative
         * @throws IllegalArgumentException when it is negative
         */
        public Nothing {
            if (askAgainIn.isNegative()) {
                throw new IllegalArgumentException("askAgainIn must not be negative, was " + askAgainIn);
            }
        }
    }

    /**
     * Takes the next item of {@code connection}. Call it only while holding a rate budget token for the connection,
     * so that an item taken is worked on at once and never waits in this process while another could take it.
     *
     * @param connection whose item
     * @return an item, or nothing
     */
    Next take(ConnectionId connection);

    /**
     * Gives an item back for good: its outcome is recorded (by this process or, as the store found, another).
     *
     * @param connection whose item
     * @param take       the item as taken
     */
    void done(ConnectionId connection, Take take);

    /** Leaves the line; items still held are handed to another process after the lease. */
    @Override
    void close();
}

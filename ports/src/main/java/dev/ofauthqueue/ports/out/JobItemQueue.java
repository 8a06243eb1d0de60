package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The work queue of one deletion job's items, as one process sees it: the process claims an item, records its intent,
 * sends its DELETE, records its outcome. Every store hands one out ({@link DeletionJobStore#workQueue}); what differs
 * is who else may claim:
 *
 * <ul>
 *   <li><b>Exclusive</b> (SQLite, in memory): this process alone runs the job while the queue is open; opening it takes
 *       the job's lock. A claim never lapses ({@link Claimed#lease()} is empty).
 *   <li><b>Shared</b> (Redis): several processes drain the job together. A claim lasts for its {@linkplain
 *       Claimed#lease() lease}, renewed by {@link #renew}; an item whose holder stopped renewing is claimed by another
 *       process after the lease, marked {@linkplain Claimed#settleFirst() settle first}.
 * </ul>
 *
 * <p><b>Fencing.</b> OFAuth checks no fencing token, so the queue does: {@link #recordIntent} succeeds only while this
 * process still holds the claim (its {@linkplain Claimed#fence() fence} is the current one) and the job is running;
 * {@link #recordOutcome} writes only for the holder, and {@link #recordAnswer}, the answer to a process's own DELETE,
 * writes after the claim was lost only a final outcome, and only where none exists. The caller bounds every attempt by the lease as its own monotonic clock measures it, from before the claim
 * (or renewal) was asked.
 *
 * <p>Every method blocks and is called from the job service's own thread, never an event loop. Failures are {@link
 * DeletionJobStoreException}s naming the store.
 */
public interface JobItemQueue extends AutoCloseable {

    /**
     * The longest lease a claim may carry. A lease only has to outlast the longest pause of a live holder (it is
     * renewed while the holder runs); a longer one holds a stopped process's items for as long, and one of centuries
     * no longer fits the holder's nanosecond deadline.
     */
    Duration LONGEST_LEASE = Duration.ofHours(1);

    /** What {@link #claim} found. */
    sealed interface Next permits Claimed, Empty {}

    /**
     * An item this process now holds.
     *
     * @param position    its place in the job
     * @param item        the item as stored now (another process may have refreshed its snapshot)
     * @param settleFirst its DELETE may have gone out without a recorded outcome (an intent left by a process that
     *     stopped, or an unconfirmed outcome): read the message before anything else
     * @param fence       this claim's token: a later claim of the same item by anyone has another
     * @param lease       how long the claim lasts without renewal, measured from before it was asked; empty while the
     *     queue is open (an exclusive queue)
     */
    record Claimed(int position, PlannedItem item, boolean settleFirst, long fence, Optional<Duration> lease)
            implements Next {
        /**
         * Checks the claim.
         *
         * @param position    its place in the job, zero or more
         * @param item        the item as stored now
         * @param settleFirst whether to read the message before anything else
         * @param fence       this claim's token
         * @param lease       how long the claim lasts without renewal; empty for as long as the queue is open
         * @throws IllegalArgumentException when the position is negative, or the lease not positive or longer than
         *     {@link #LONGEST_LEASE}
         */
        public Claimed {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(lease, "lease");
            if (position < 0) {
                throw new IllegalArgumentException("position must not be negative, was " + position);
            }
            if (lease.isPresent() && (lease.get().isNegative() || lease.get().isZero())) {
                throw new IllegalArgumentException("a lease must be positive, was " + lease.get());
            }
            if (lease.isPresent() && lease.get().compareTo(LONGEST_LEASE) > 0) {
                throw new IllegalArgumentException("a lease must be at most " + LONGEST_LEASE + ", was " + lease.get());
            }
        }

        /**
         * Whose item.
         *
         * @return its connection
         */
        public ConnectionId connection() {
            return item.connection();
        }
    }

    /**
     * Nothing to claim now.
     *
     * @param drained    {@code true} when nothing of the connection is left for anyone: every item is settled or
     *     waits for a later run; {@code false} when some are held (by this process or, on a shared queue, another one,
     *     which loses them after its lease)
     * @param askAgainIn when one held elsewhere could be claimed, should its holder have stopped
     */
    record Empty(boolean drained, Duration askAgainIn) implements Next {
        /**
         * Checks the wait.
         *
         * @param drained    whether nothing is left for anyone
         * @param askAgainIn when to ask again; not negative
         * @throws IllegalArgumentException when it is negative
         */
        public Empty {
            Objects.requireNonNull(askAgainIn, "askAgainIn");
            if (askAgainIn.isNegative()) {
                throw new IllegalArgumentException("askAgainIn must not be negative, was " + askAgainIn);
            }
        }
    }

    /** What {@link #recordIntent} did. */
    enum Intent {
        /** Committed: the DELETE may go, within the lease. */
        RECORDED,
        /** Not committed: this process no longer holds the item (its lease lapsed and another claimed it). */
        NOT_HELD,
        /** Not committed: the job is no longer running (canceled, completed, or gone from the store). */
        JOB_NOT_RUNNING,
        /** Not committed: the item already has a final outcome; it left the queue. */
        ALREADY_SETTLED
    }

    /** What {@link #recordOutcome} did. */
    enum Recording {
        /** Written (with the archive entry of a deletion), and the item left the queue. */
        WRITTEN,
        /** Nothing written: the item already had a final outcome. */
        ALREADY_SETTLED,
        /** Nothing written: this process no longer holds the item and the outcome is not final. */
        NOT_HELD
    }

    /**
     * Whether other processes may claim from this job's queue too (a shared store): then a claim lasts for a lease,
     * and a process that leaves lets the job go on without it rather than ending it.
     *
     * @return {@code true} for a shared queue
     */
    boolean shared();

    /**
     * How many items {@link #claim} has handed this process, since the queue was opened, that another process held and
     * stopped renewing (or released): lease takeovers, each settled by reading first. Always 0 on an exclusive queue.
     *
     * @return the count so far
     */
    default long takeovers() {
        return 0;
    }

    /**
     * How many items {@link #claim} has set aside, since the queue was opened, instead of handing them out: each was
     * handed out too often without an outcome (every process that took it stopped) and is recorded {@code
     * UNCONFIRMED}, a dead letter that a later run settles by reading. Always 0 on an exclusive queue.
     *
     * @return the count so far
     */
    default long deadLetters() {
        return 0;
    }

    /**
     * Claims the next item of {@code connection}: on a shared queue one whose holder stopped renewing comes first
     * (marked settle first), then a new one.
     *
     * @param connection whose item
     * @return an item, or nothing
     */
    Next claim(ConnectionId connection);

    /**
     * Commits the intent to delete a claimed item, before its DELETE is sent, only while this process holds it (no one
     * else claimed it since) and the job is running; it renews the claim's lease in the same step, so that the DELETE
     * that follows goes out under a lease the caller measures from before this call (on a shared queue, a process
     * whose clock stood still learns here, not later, that it lost the item).
     *
     * @param claim the item as claimed
     * @param at    when (the job's clock)
     * @return what was done
     */
    Intent recordIntent(Claimed claim, Instant at);

    /**
     * Withdraws an intent: OFAuth answered that it did not carry the DELETE out (a 429, a 401 or a 403), so the item is
     * pending again (still held) and a later run need not read it to settle it.
     *
     * @param claim the item as claimed
     */
    void withdrawIntent(Claimed claim);

    /**
     * Records an item's outcome, with the archive entry of a deletion, in one step, unless it already has a final one,
     * only while this process holds the item; the item leaves the queue in the same step. A process that no longer
     * holds it writes nothing ({@link Recording#NOT_HELD}): whoever holds it now settles it.
     *
     * @param claim   the item as claimed
     * @param outcome what became of it
     * @return what was done
     */
    Recording recordOutcome(Claimed claim, Outcome outcome);

    /**
     * Records the outcome OFAuth's answer to this process's own DELETE of the item gave. While this process holds the
     * item, as {@link #recordOutcome}. Once it does not (the answer came after its lease, and another process claimed
     * the item), a final outcome is written only where none exists, leaving the queue and the intents of whoever holds
     * the item now untouched; any other outcome is dropped ({@link Recording#NOT_HELD}).
     *
     * @param claim   the item as claimed
     * @param outcome what OFAuth's answer means
     * @return what was done
     */
    Recording recordAnswer(Claimed claim, Outcome outcome);

    /**
     * Replaces an item's snapshot after its connection was listed again; whoever claims it next decides on this one.
     *
     * @param position the item's place in the job
     * @param item     the item with its new snapshot
     */
    void replaceSnapshot(int position, PlannedItem item);

    /**
     * Renews the lease of claims this process holds. The caller measures the renewed lease from before this call.
     *
     * @param claims the claims to renew
     * @return those this process no longer holds (another process claimed them after their lease)
     */
    List<Claimed> renew(List<Claimed> claims);

    /**
     * Gives a claimed item back without an outcome (its connection stopped, the job was canceled): another process,
     * or a later run, claims it and settles it by reading first.
     *
     * @param claim the item as claimed
     */
    void release(Claimed claim);

    /** Leaves the queue: releases the job's lock (exclusive) or stops holding (shared: held items lapse). */
    @Override
    void close();
}

package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobLock;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The work queue of a store where one process at a time runs a job (SQLite, in memory): the job's lock is the lease,
 * held until the queue is closed, so a claim never lapses. Built over the job as loaded once the lock is held, it
 * decides what a run does with each item, for every exclusive store alike: an item with an intent but no outcome, or
 * an unconfirmed outcome, is handed out first and marked settle first (its DELETE may have gone out); a pending or
 * failed item is handed out in plan order; an item with a final outcome is never handed out.
 *
 * <p>Not thread-safe: the job service calls it from its own thread only.
 */
public final class ExclusiveJobItemQueue implements JobItemQueue {

    /** The writes an exclusive store makes for its queue, each in one transaction of its own. */
    public interface ItemWrites {
        /**
         * Commits the intent to delete an item, unless the job is not {@code RUNNING} or the item has a final outcome.
         *
         * @param job      the job
         * @param position the item
         * @param at       when
         * @return {@link Intent#RECORDED}, {@link Intent#JOB_NOT_RUNNING} or {@link Intent#ALREADY_SETTLED}
         */
        Intent recordIntent(DeletionJobId job, int position, Instant at);

        /**
         * Withdraws an item's intent: it is pending again. Nothing happens to an item with an outcome.
         *
         * @param job      the job
         * @param position the item
         */
        void withdrawIntent(DeletionJobId job, int position);

        /**
         * Records an item's outcome, and the archive entry of a deletion, unless it has a final one.
         *
         * @param job      the job
         * @param position the item
         * @param outcome  what became of it
         * @return {@code false} when the item already had a final outcome and nothing was written
         */
        boolean recordOutcome(DeletionJobId job, int position, Outcome outcome);

        /**
         * Replaces an item's snapshot.
         *
         * @param job      the job
         * @param position the item
         * @param item     the item with its new snapshot
         */
        void replaceSnapshot(DeletionJobId job, int position, PlannedItem item);
    }

    private final DeletionJobId job;
    private final ItemWrites writes;
    private final JobLock lock;
    private final Map<Integer, PlannedItem> items = new HashMap<>();
    private final Map<ConnectionId, Deque<Waiting>> waiting = new LinkedHashMap<>();
    /** Fence of each item this queue has handed out and not yet settled or had back. */
    private final Map<Integer, Long> held = new HashMap<>();

    private long claims;
    private boolean closed;

    private record Waiting(int position, boolean settleFirst) {}

    private ExclusiveJobItemQueue(StoredJob stored, ItemWrites writes, JobLock lock) {
        this.job = stored.id();
        this.writes = writes;
        this.lock = lock;
        for (StoredItem item : stored.items()) {
            items.put(item.position(), item.item());
            waiting.computeIfAbsent(item.item().connection(), c -> new ArrayDeque<>());
            JobItemState state = item.state();
            if (state.isFinal()) {
                continue;
            }
            Deque<Waiting> line = waiting.get(item.item().connection());
            if (state == JobItemState.IN_FLIGHT || state == JobItemState.UNCONFIRMED) {
                line.addFirst(new Waiting(item.position(), true)); // its DELETE may have gone out: settle it first
            } else {
                line.addLast(new Waiting(item.position(), false));
            }
        }
    }

    /**
     * Opens the queue of a job whose lock is held.
     *
     * @param stored the job, loaded after the lock was taken
     * @param writes how the store writes an item
     * @param lock   the job's lock, released when the queue closes
     * @return the queue
     */
    public static ExclusiveJobItemQueue open(StoredJob stored, ItemWrites writes, JobLock lock) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(writes, "writes");
        Objects.requireNonNull(lock, "lock");
        return new ExclusiveJobItemQueue(stored, writes, lock);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Next claim(ConnectionId connection) {
        requireOpen();
        Deque<Waiting> line = waiting.getOrDefault(connection, new ArrayDeque<>());
        Waiting next = line.pollFirst();
        if (next == null) {
            boolean anyHeld =
                    held.keySet().stream().anyMatch(p -> item(p).connection().equals(connection));
            return new Empty(!anyHeld, Duration.ZERO);
        }
        long fence = ++claims;
        held.put(next.position(), fence);
        return new Claimed(next.position(), item(next.position()), next.settleFirst(), fence, Optional.empty());
    }

    @Override
    public Intent recordIntent(Claimed claim, Instant at) {
        requireOpen();
        if (!holds(claim)) {
            return Intent.NOT_HELD;
        }
        Intent intent = writes.recordIntent(job, claim.position(), at);
        if (intent == Intent.ALREADY_SETTLED) {
            held.remove(claim.position());
        }
        return intent;
    }

    @Override
    public void withdrawIntent(Claimed claim) {
        requireOpen();
        if (holds(claim)) {
            writes.withdrawIntent(job, claim.position());
        }
    }

    @Override
    public Recording recordOutcome(Claimed claim, Outcome outcome) {
        requireOpen();
        if (!holds(claim)) {
            return Recording.NOT_HELD;
        }
        return write(claim, outcome);
    }

    @Override
    public Recording recordAnswer(Claimed claim, Outcome outcome) {
        requireOpen();
        if (!holds(claim) && !outcome.state().isFinal()) {
            return Recording.NOT_HELD;
        }
        return write(claim, outcome);
    }

    private Recording write(Claimed claim, Outcome outcome) {
        boolean written = writes.recordOutcome(job, claim.position(), outcome);
        if (holds(claim)) {
            held.remove(claim.position());
        }
        return written ? Recording.WRITTEN : Recording.ALREADY_SETTLED;
    }

    @Override
    public void replaceSnapshot(int position, PlannedItem item) {
        requireOpen();
        if (!items.containsKey(position)) {
            throw new IllegalArgumentException("job " + job + " has no item " + position);
        }
        writes.replaceSnapshot(job, position, item);
        items.put(position, item);
    }

    /** Nothing lapses while the queue is open: every claim still held is renewed. */
    @Override
    public List<Claimed> renew(List<Claimed> claims) {
        requireOpen();
        return claims.stream().filter(c -> !holds(c)).toList();
    }

    @Override
    public void release(Claimed claim) {
        requireOpen();
        if (holds(claim)) {
            held.remove(claim.position());
            waiting.computeIfAbsent(claim.connection(), c -> new ArrayDeque<>())
                    .addFirst(new Waiting(claim.position(), claim.settleFirst()));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }

    private PlannedItem item(int position) {
        PlannedItem item = items.get(position);
        if (item == null) {
            throw new IllegalArgumentException("job " + job + " has no item " + position);
        }
        return item;
    }

    private boolean holds(Claimed claim) {
        Long fence = held.get(claim.position());
        return fence != null && fence == claim.fence();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the work queue of job " + job + " is closed");
        }
    }

    @Override
    public String toString() {
        return "exclusive work queue of job " + job;
    }
}

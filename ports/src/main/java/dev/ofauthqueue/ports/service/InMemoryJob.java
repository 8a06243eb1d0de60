package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.JobItemQueue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One job of an {@link InMemoryDeletionJobStore}: its items and, when the store is shared, its line of items not handed
 * out yet, who holds the others, and who is a member. The item writes both kinds of store share live here; callers
 * hold the store's monitor.
 */
final class InMemoryJob {
    final Instant createdAt;
    final JobSettings settings;
    DeletionJobState state = DeletionJobState.RUNNING;
    final TreeMap<Integer, StoredItem> items = new TreeMap<>();
    final Map<ConnectionId, String> stopped = new LinkedHashMap<>();
    /** The newest runs, oldest first. */
    final Deque<DeletionJobRun> runs = new ArrayDeque<>();
    /** Shared only: items not handed out yet, per connection, with whether each must be settled first. */
    final Map<ConnectionId, Deque<Entry>> line = new LinkedHashMap<>();
    /** Shared only: items handed out and not yet taken out of the line, by position. */
    final Map<Integer, Hold> holds = new HashMap<>();
    /** Shared only: each open consumer and when it was last heard from (the store's clock). */
    final Map<Long, Long> members = new HashMap<>();

    /** An item in line, and whether it must be settled by reading before anything is sent for it. */
    record Entry(int position, boolean settle) {}

    /** Who holds an item, how many times it was handed out, and since when it went without renewal. */
    static final class Hold {
        long consumer;
        long deliveries;
        long idleSince;

        Hold(long consumer, long deliveries, long idleSince) {
            this.consumer = consumer;
            this.deliveries = deliveries;
            this.idleSince = idleSince;
        }
    }

    InMemoryJob(Instant createdAt, JobSettings settings) {
        this.createdAt = createdAt;
        this.settings = settings;
    }

    StoredItem item(int position) {
        StoredItem item = items.get(position);
        if (item == null) {
            throw new IllegalArgumentException("the job has no item " + position);
        }
        return item;
    }

    JobItemQueue.Intent intent(int position, Instant at) {
        StoredItem item = item(position);
        if (state != DeletionJobState.RUNNING) {
            return JobItemQueue.Intent.JOB_NOT_RUNNING;
        }
        if (item.state().isFinal()) {
            return JobItemQueue.Intent.ALREADY_SETTLED;
        }
        items.put(
                position,
                new StoredItem(item.item(), position, JobItemState.IN_FLIGHT, item.outcome(), Optional.of(at)));
        return JobItemQueue.Intent.RECORDED;
    }

    void withdraw(int position) {
        StoredItem item = item(position);
        if (item.state() == JobItemState.IN_FLIGHT) {
            items.put(
                    position,
                    new StoredItem(item.item(), position, JobItemState.PENDING, item.outcome(), item.intentAt()));
        }
    }

    /**
     * Writes an outcome unless a final one exists; {@code clearIntent} is false for a writer that no longer holds the
     * item (only a final outcome then, which ends the item whatever intent its holder wrote).
     *
     * @return whether it was written (the caller then keeps its archive entry)
     */
    boolean outcome(int position, Outcome outcome, boolean clearIntent) {
        StoredItem item = item(position);
        if (item.state().isFinal()) {
            return false;
        }
        items.put(
                position,
                new StoredItem(
                        item.item(),
                        position,
                        outcome.state(),
                        Optional.of(outcome),
                        clearIntent ? Optional.empty() : item.intentAt()));
        return true;
    }

    void snapshot(int position, PlannedItem planned) {
        StoredItem item = item(position);
        if (!item.item().id().equals(planned.id()) || !item.item().connection().equals(planned.connection())) {
            throw new IllegalArgumentException(
                    "item " + position + " is message " + item.item().id() + ", not " + planned.id());
        }
        items.put(position, new StoredItem(planned, position, item.state(), item.outcome(), item.intentAt()));
    }

    /** Joining puts back in line, once, the items a later run retries: failed, and unconfirmed to settle first. */
    void requeueRetriable() {
        Set<Integer> inLine = new HashSet<>(holds.keySet());
        line.values().forEach(l -> l.forEach(e -> inLine.add(e.position())));
        for (StoredItem item : new ArrayList<>(items.values())) {
            JobItemState s = item.state();
            boolean retriable = s == JobItemState.FAILED || s == JobItemState.UNCONFIRMED;
            if (retriable && !inLine.contains(item.position())) {
                line.computeIfAbsent(item.item().connection(), c -> new ArrayDeque<>())
                        .addLast(new Entry(item.position(), s == JobItemState.UNCONFIRMED));
                // Pending again (its outcome kept, as Redis keeps it flagged queued), until its next outcome.
                items.put(
                        item.position(),
                        new StoredItem(
                                item.item(), item.position(), JobItemState.PENDING, item.outcome(), item.intentAt()));
            }
        }
    }
}

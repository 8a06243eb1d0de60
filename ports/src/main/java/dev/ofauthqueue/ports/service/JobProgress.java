package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each item of a running job stands, as this process knows it, and the counts a status shows. */
final class JobProgress {

    private final List<StoredItem> items;
    private final Map<Integer, JobItemState> states = new HashMap<>();
    private final EnumMap<JobItemState, Integer> counts = new EnumMap<>(JobItemState.class);

    JobProgress(StoredJob job) {
        this.items = job.items();
        recount(job);
    }

    /** Counts from the job as stored: at the start, and at the end of a shared run (every process's outcomes). */
    void recount(StoredJob job) {
        states.clear();
        for (JobItemState s : JobItemState.values()) {
            counts.put(s, 0);
        }
        for (StoredItem item : job.items()) {
            states.put(item.position(), item.state());
            counts.merge(item.state(), 1, Integer::sum);
        }
    }

    /**
     * The status of a job no run of this process drives, from the store.
     *
     * @param runningSomewhere whether another process runs it now (the store says)
     */
    static DeletionJobStatus statusOfStored(StoredJob stored, boolean runningSomewhere) {
        Map<JobItemState, Integer> counts = new EnumMap<>(JobItemState.class);
        stored.items().forEach(i -> counts.merge(i.state(), 1, Integer::sum));
        DeletionJobState state = stored.state();
        if (runningSomewhere) {
            state = DeletionJobState.RUNNING; // in another process, even when asked to stop and not stopped yet
        } else if (state == DeletionJobState.RUNNING) {
            state = DeletionJobState.INTERRUPTED;
        }
        return new DeletionJobStatus(
                stored.id(),
                state,
                stored.createdAt(),
                stored.settings().target(),
                stored.settings().selection(),
                counts,
                stored.stopped(),
                Duration.ZERO);
    }

    JobItemState stateOf(int position) {
        return states.getOrDefault(position, JobItemState.PENDING);
    }

    void move(int position, JobItemState to) {
        JobItemState from = states.put(position, to);
        if (from != null) {
            counts.merge(from, -1, Integer::sum);
        }
        counts.merge(to, 1, Integer::sum);
    }

    Map<JobItemState, Integer> counts() {
        return counts;
    }

    int total() {
        return items.size();
    }

    /** Items with a final outcome. */
    int settled() {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().isFinal())
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** Items of {@code connection} without a final outcome. */
    int open(ConnectionId connection) {
        return (int) items.stream()
                .filter(i -> i.item().connection().equals(connection))
                .filter(i -> !stateOf(i.position()).isFinal())
                .count();
    }
}

package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionJobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * Where a deletion job stands.
 *
 * <pre>{@code
 * DeletionJobStatus status = ofauth.jobs().status(DeletionJobId.of(7));
 * System.out.println(status.state() + ": " + status.settled() + " of " + status.total() + ", about "
 *         + status.estimatedTimeLeft().toMinutes() + " min left");
 * }</pre>
 *
 * @param id                the job
 * @param state             the job's state
 * @param createdAt         when it was created
 * @param target            where it sends its requests
 * @param selection         what it selected
 * @param counts            items per state; every state present, zero where none
 * @param stopped           connections stopped by an authentication or permission failure, with the reason
 * @param estimatedTimeLeft how long the items not yet final take at the connections' rate budgets (zero when none
 *     is left or the job is not running)
 */
@NullMarked
public record DeletionJobStatus(
        DeletionJobId id,
        DeletionJobState state,
        Instant createdAt,
        String target,
        Selection selection,
        Map<JobItemState, Integer> counts,
        Map<ConnectionId, String> stopped,
        Duration estimatedTimeLeft) {

    /**
     * Completes the counts with zeros and copies the collections.
     *
     * @param id                the job
     * @param state             the job's state
     * @param createdAt         when it was created
     * @param target            where it sends its requests
     * @param selection         what it selected
     * @param counts            items per state
     * @param stopped           stopped connections, with the reason
     * @param estimatedTimeLeft how long the items not yet final take at the connections' rate budgets
     * @throws NullPointerException when a component is {@code null}
     */
    public DeletionJobStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(estimatedTimeLeft, "estimatedTimeLeft");
        EnumMap<JobItemState, Integer> all = new EnumMap<>(JobItemState.class);
        for (JobItemState s : JobItemState.values()) {
            all.put(s, counts.getOrDefault(s, 0));
        }
        counts = Collections.unmodifiableMap(all);
        stopped = Map.copyOf(stopped);
    }

    /**
     * How many items the job has.
     *
     * @return the total
     */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * How many items have a final outcome.
     *
     * @return deleted, already gone and refused
     */
    public int settled() {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().isFinal())
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /**
     * How many items are in one state.
     *
     * @param state the state
     * @return the count
     */
    public int count(JobItemState state) {
        return counts.getOrDefault(state, 0);
    }

    /** One line for people; masks the connections. */
    @Override
    public String toString() {
        return "job " + id + " " + state + ": " + settled() + "/" + total() + " settled " + counts
                + (stopped.isEmpty() ? "" : ", " + stopped.size() + " connection(s) stopped")
                + (estimatedTimeLeft.isZero() ? "" : ", about " + estimatedTimeLeft.toSeconds() + " s left");
    }
}

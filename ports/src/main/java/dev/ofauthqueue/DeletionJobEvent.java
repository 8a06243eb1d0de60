package dev.ofauthqueue;

import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * One item of a deletion job got an outcome.
 *
 * <pre>{@code
 * StartDeletionJobCommand command = StartDeletionJobCommand.of(connections, Selection.all())
 *         .withListener(event -> System.out.println(
 * event.done() + "/" + event.total() + " " + event.outcome().kind()));
 * }</pre>
 *
 * @param job        the job
 * @param connection whose message
 * @param outcome    what became of it
 * @param state      the item's state now
 * @param done       how many of the job's items have a final outcome, this one included when final
 * @param total      how many items the job has
 */
@NullMarked
public record DeletionJobEvent(
        DeletionJobId job, ConnectionId connection, DeletionOutcome outcome, JobItemState state, int done, int total) {
    /**
     * Checks that no component is {@code null}.
     *
     * @param job        the job
     * @param connection whose message
     * @param outcome    what became of it
     * @param state      the item's state now
     * @param done       how many of the job's items have a final outcome, this one included when final
     * @param total      how many items the job has
     * @throws NullPointerException when one is
     */
    public DeletionJobEvent {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(state, "state");
    }
}

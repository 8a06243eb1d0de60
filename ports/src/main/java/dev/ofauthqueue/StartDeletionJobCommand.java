package dev.ofauthqueue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * What a deletion job is to do.
 *
 * <pre>{@code
 * DeletionJobId id = ofauth.jobs().start(StartDeletionJobCommand.of(
 *                 List.of(ConnectionId.of("conn_demo"), ConnectionId.of("conn_other")), Selection.all().paid(false))
 *         .withConcurrency(2));
 * DeletionJobStatus done = ofauth.jobs().await(id);
 * }</pre>
 *
 * @param connections      whose queues, each once
 * @param selection        which of their messages
 * @param readBeforeDelete read each message just before its DELETE and decide on that fresh copy instead of the
 *     plan's snapshot: for rules of your own that need data fresher than the plan. It costs a second request per
 *     message, so the job takes twice as long under OFAuth's rate limit
 * @param concurrency      how many DELETEs may be in flight at once across connections; empty for the default,
 *     {@code max(4, 2 × connections)}
 * @param listener         told of each item's outcome
 * @param plans            the plans to start from, one per connection in the order of {@code connections}, instead of
 *     listing each queue: every message of a plan (to delete and refused) becomes an item, and the policy decides
 *     again before each DELETE; empty to list each queue and keep what the selection matches
 */
@NullMarked
public record StartDeletionJobCommand(
        List<ConnectionId> connections,
        Selection selection,
        boolean readBeforeDelete,
        Optional<Integer> concurrency,
        DeletionJobListener listener,
        Optional<List<DeletionPlan>> plans) {

    /**
     * Checks the command.
     *
     * @param connections      whose queues, each once
     * @param selection        which of their messages
     * @param readBeforeDelete read each message just before its DELETE (twice the requests)
     * @param concurrency      how many DELETEs may be in flight at once; empty for the default
     * @param listener         told of each item's outcome
     * @param plans            the plans to start from instead of listing, one per connection in order; empty to list
     * @throws IllegalArgumentException when there is no connection, one is named twice, the concurrency is not 1 to
     *     256, or the plans do not name the connections in order
     */
    public StartDeletionJobCommand {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(listener, "listener");
        if (connections.isEmpty()) {
            throw new IllegalArgumentException("a deletion job needs at least one connection");
        }
        if (new LinkedHashSet<>(connections).size() != connections.size()) {
            throw new IllegalArgumentException("a deletion job names each connection once");
        }
        connections = List.copyOf(connections);
        if (concurrency.isPresent() && (concurrency.get() < 1 || concurrency.get() > 256)) {
            throw new IllegalArgumentException("concurrency must be 1 to 256, was " + concurrency.get());
        }
        Objects.requireNonNull(plans, "plans");
        plans = plans.map(List::copyOf);
        if (plans.isPresent()
                && !plans.get().stream().map(DeletionPlan::connection).toList().equals(connections)) {
            throw new IllegalArgumentException("a deletion job starts from one plan per connection, in order");
        }
    }

    /**
     * A job over {@code connections} with the defaults: decided on the plan's snapshots, default concurrency, no
     * listener.
     *
     * @param connections whose queues
     * @param selection   which of their messages
     * @return the command
     */
    public static StartDeletionJobCommand of(List<ConnectionId> connections, Selection selection) {
        return new StartDeletionJobCommand(
                connections, selection, false, Optional.empty(), DeletionJobListener.NONE, Optional.empty());
    }

    /**
     * This command with a listener.
     *
     * @param value the listener
     * @return the new command
     */
    public StartDeletionJobCommand withListener(DeletionJobListener value) {
        return new StartDeletionJobCommand(connections, selection, readBeforeDelete, concurrency, value, plans);
    }

    /**
     * This command reading each message before its DELETE (twice the requests).
     *
     * @return the new command
     */
    public StartDeletionJobCommand readingBeforeDelete() {
        return new StartDeletionJobCommand(connections, selection, true, concurrency, listener, plans);
    }

    /**
     * This command with a concurrency bound.
     *
     * @param value 1 to 256
     * @return the new command
     */
    public StartDeletionJobCommand withConcurrency(int value) {
        return new StartDeletionJobCommand(
                connections, selection, readBeforeDelete, Optional.of(value), listener, plans);
    }

    /**
     * A job that starts from plans already made, one per connection, instead of listing each queue again: every
     * message of each plan (to delete and refused) becomes an item, planned when its plan was made.
     *
     * @param plans     the plans, each of another connection
     * @param selection the selection they were made with, written down with the job
     * @return the command, with the default concurrency and no listener
     */
    public static StartDeletionJobCommand fromPlans(List<DeletionPlan> plans, Selection selection) {
        List<ConnectionId> connections =
                plans.stream().map(DeletionPlan::connection).toList();
        return new StartDeletionJobCommand(
                connections, selection, false, Optional.empty(), DeletionJobListener.NONE, Optional.of(plans));
    }
}

package dev.ofauthqueue;

import java.util.Objects;

/**
 * Dry runs and their execution, each call waiting for its answer (at most the builder's blocking timeout; never on a
 * Vert.x event loop). {@link AsyncPlans} has the same methods, answering stages.
 *
 * <pre>{@code
 * DeletionPlan plan = ofauth.plans().plan(ConnectionId.of("conn_demo"), MessageSelector.free());
 * plan.refused().forEach(kept -> System.out.println("keep " + kept.message().id() + ": " + kept.decision().reason()));
 * DeletionReport report = ofauth.plans().execute(plan);
 * }</pre>
 */
public final class Plans {

    private final AsyncPlans async;
    private final Blocking blocking;

    Plans(AsyncPlans async, Blocking blocking) {
        this.async = Objects.requireNonNull(async, "async");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    /**
     * The dry run: what deleting the selected messages now would do. Nothing is deleted.
     *
     * @param connection whose queue
     * @param selector   which messages
     * @return the plan
     */
    public DeletionPlan plan(ConnectionId connection, MessageSelector selector) {
        return blocking.await(() -> async.plan(connection, selector));
    }

    /**
     * Deletes a plan's allowed messages, deciding each again at its send time.
     *
     * @param plan made by {@link #plan}
     * @return one outcome per plan item
     */
    public DeletionReport execute(DeletionPlan plan) {
        return blocking.await(() -> async.execute(plan));
    }
}

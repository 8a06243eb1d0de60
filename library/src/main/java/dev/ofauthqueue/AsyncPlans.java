package dev.ofauthqueue;

import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Dry runs and their execution, each call answering a {@link CompletionStage}. {@link Plans} has the same methods,
 * waiting for their answers.
 *
 * <pre>{@code
 * ofauth.async().plans()
 *         .plan(ConnectionId.of("conn_demo"), MessageSelector.free())
 *         .thenCompose(plan -> ofauth.async().plans().execute(plan))
 *         .thenAccept(report -> System.out.println(report.counts()));
 * }</pre>
 */
public final class AsyncPlans {

    private final ScheduledQueueService service;

    AsyncPlans(ScheduledQueueService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * The dry run: lists the connection's queue and decides, for each selected message, whether deleting it now would
     * be allowed and why not. Nothing is deleted.
     *
     * @param connection whose queue
     * @param selector   which messages
     * @return the plan
     */
    public CompletionStage<DeletionPlan> plan(ConnectionId connection, MessageSelector selector) {
        return service.planDeletion(new PlanDeletionCommand(connection, selector));
    }

    /**
     * Deletes a plan's allowed messages, deciding each again at its send time (a plan older than the builder's
     * {@code maxPlanAge} is listed again first), with bounded concurrency within the rate budget.
     *
     * @param plan made by {@link #plan}
     * @return one outcome per plan item
     */
    public CompletionStage<DeletionReport> execute(DeletionPlan plan) {
        return service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan));
    }
}

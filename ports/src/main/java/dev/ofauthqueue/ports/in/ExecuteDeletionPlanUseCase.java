package dev.ofauthqueue.ports.in;

import java.util.concurrent.CompletionStage;

/**
 * Deletes a plan's messages with bounded concurrency. Each message's decision is checked again, at the current
 * instant, just before its request; a failure never stops the run.
 */
public interface ExecuteDeletionPlanUseCase {

    /**
     * Deletes the plan's allowed messages and reports every item.
     *
     * @param command the plan and who to tell of progress
     * @return never a failed stage: a report with one outcome per plan item, allowed and refused alike
     */
    CompletionStage<DeletionReport> executeDeletionPlan(ExecuteDeletionPlanCommand command);
}

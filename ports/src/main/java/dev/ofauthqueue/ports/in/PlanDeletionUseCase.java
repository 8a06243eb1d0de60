package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.DeletionPlan;
import java.util.concurrent.CompletionStage;

/** The dry run: reads the whole queue and decides, for each selected message, whether it may be deleted now. */
public interface PlanDeletionUseCase {

    /**
     * Plans, without deleting anything.
     *
     * @param command which messages of which connection
     * @return the plan; fails with the port's error when the queue cannot be read
     */
    CompletionStage<DeletionPlan> planDeletion(PlanDeletionCommand command);
}

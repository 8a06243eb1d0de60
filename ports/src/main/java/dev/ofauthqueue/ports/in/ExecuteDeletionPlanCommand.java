package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.domain.DeletionPlan;
import java.util.Objects;

/**
 * Carries out a plan.
 *
 * @param plan     made by {@link PlanDeletionUseCase}; its refused items are reported without any request
 * @param listener told of each outcome; {@link DeletionProgressListener#NONE} for none
 */
public record ExecuteDeletionPlanCommand(DeletionPlan plan, DeletionProgressListener listener) {
    public ExecuteDeletionPlanCommand {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(listener, "listener");
    }

    public ExecuteDeletionPlanCommand(DeletionPlan plan) {
        this(plan, DeletionProgressListener.NONE);
    }
}

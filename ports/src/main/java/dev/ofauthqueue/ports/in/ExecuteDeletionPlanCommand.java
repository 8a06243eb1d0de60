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
    /**
     * Checks that no component is {@code null}.
     *
     * @param plan     made by {@link PlanDeletionUseCase}; its refused items are reported without any request
     * @param listener told of each outcome; {@link DeletionProgressListener#NONE} for none
     * @throws NullPointerException when one is
     */
    public ExecuteDeletionPlanCommand {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * Carries out {@code plan} without a listener.
     *
     * @param plan made by {@link PlanDeletionUseCase}
     */
    public ExecuteDeletionPlanCommand(DeletionPlan plan) {
        this(plan, DeletionProgressListener.NONE);
    }
}

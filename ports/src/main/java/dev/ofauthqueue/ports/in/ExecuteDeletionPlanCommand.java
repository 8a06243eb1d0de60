package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.DeletionPlan;
import java.util.Objects;

/**
 * Carries out a plan.
 *
 * @param plan             made by {@link PlanDeletionUseCase}; its refused items are reported without any request
 * @param listener         told of each outcome; {@link DeletionProgressListener#NONE} for none
 * @param readBeforeDelete read each message just before its DELETE and decide on that fresh copy instead of the
 *     plan's snapshot, for rules of your own that need fresher data than the plan's. It costs a second request per
 *     message: the plan takes twice as long under OFAuth's rate limit
 */
public record ExecuteDeletionPlanCommand(
        DeletionPlan plan, DeletionProgressListener listener, boolean readBeforeDelete) {
    /**
     * Checks that no component is {@code null}.
     *
     * @param plan             made by {@link PlanDeletionUseCase}; its refused items are reported without any request
     * @param listener         told of each outcome; {@link DeletionProgressListener#NONE} for none
     * @param readBeforeDelete read each message just before its DELETE (twice the requests)
     * @throws NullPointerException when one is
     */
    public ExecuteDeletionPlanCommand {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * Carries out {@code plan}, deciding on its snapshots, telling {@code listener}.
     *
     * @param plan     made by {@link PlanDeletionUseCase}
     * @param listener told of each outcome
     */
    public ExecuteDeletionPlanCommand(DeletionPlan plan, DeletionProgressListener listener) {
        this(plan, listener, false);
    }

    /**
     * Carries out {@code plan} without a listener, deciding on its snapshots.
     *
     * @param plan made by {@link PlanDeletionUseCase}
     */
    public ExecuteDeletionPlanCommand(DeletionPlan plan) {
        this(plan, DeletionProgressListener.NONE, false);
    }

    /**
     * This command reading each message before its DELETE (twice the requests).
     *
     * @return the new command
     */
    public ExecuteDeletionPlanCommand readingBeforeDelete() {
        return new ExecuteDeletionPlanCommand(plan, listener, true);
    }
}

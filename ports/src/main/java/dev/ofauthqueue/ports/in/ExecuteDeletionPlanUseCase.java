package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionReport;
import java.util.concurrent.CompletionStage;

/**
 * Deletes a plan's messages with one request per message and bounded concurrency, paced by the connection's rate
 * budget. Just before each DELETE the policy is evaluated again against the plan's snapshot of the message at the
 * current instant; a snapshot older than the service's maximum plan age (5 minutes by default) is refreshed first by
 * listing the queue again, keeping only messages still there and allowed. DELETEs always take the route that cannot
 * unsend a message already sent. OFAuth stays the final judge: its 400 is a {@link DeletionOutcome.Refused} with
 * reason {@code REFUSED_BY_OFAUTH}. A failure never stops the run. The run lives in memory: for deletions that must
 * survive a crash, use {@link DeletionJobsUseCase}.
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

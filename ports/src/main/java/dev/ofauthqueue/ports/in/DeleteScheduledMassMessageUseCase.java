package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.DeletionOutcome;
import java.util.concurrent.CompletionStage;

/**
 * Deletes one scheduled mass message, safely: it reads the message first, evaluates the deletion policy at the
 * current instant, and sends the delete request only when the policy allows it.
 */
public interface DeleteScheduledMassMessageUseCase {

    /**
     * Deletes the message if the policy allows it now.
     *
     * @param message which message of which connection
     * @return never a failed stage: every ending, technical failures included, is a {@link DeletionOutcome}
     */
    CompletionStage<DeletionOutcome> deleteScheduledMassMessage(MessageRef message);
}

package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.MassMessageReceipt;
import java.util.concurrent.CompletionStage;

/**
 * Creates a mass message, scheduled for later when the draft has a send time. It is sent to OFAuth once and never
 * retried: OFAuth has no idempotency key, so a retry could send a mass message twice.
 */
public interface ScheduleMassMessageUseCase {

    /**
     * Creates the message.
     *
     * @param command whose queue and what to send
     * @return the job OFAuth made; fails with {@link IllegalArgumentException} when the send time is not after now
     *     (nothing is sent), or with the port's error
     */
    CompletionStage<MassMessageReceipt> scheduleMassMessage(ScheduleMassMessageCommand command);
}

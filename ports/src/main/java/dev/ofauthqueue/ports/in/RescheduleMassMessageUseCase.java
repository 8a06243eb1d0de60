package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.MassMessageReceipt;
import java.util.concurrent.CompletionStage;

/** Replaces the content and send time of a message that is still scheduled. */
public interface RescheduleMassMessageUseCase {

    /**
     * Changes the message.
     *
     * @param command which message, and its new content
     * @return the job OFAuth answered; fails with {@link IllegalArgumentException} when the new send time is not
     *     after now (nothing is sent), or with the port's error (OFAuth refuses a message that is no longer scheduled)
     */
    CompletionStage<MassMessageReceipt> rescheduleMassMessage(RescheduleMassMessageCommand command);
}

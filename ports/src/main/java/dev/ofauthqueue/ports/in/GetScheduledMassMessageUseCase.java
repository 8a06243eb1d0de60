package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ScheduledMassMessage;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads one scheduled mass message. */
public interface GetScheduledMassMessageUseCase {

    /**
     * Reads one message.
     *
     * @param query which message of which connection
     * @return the message, or empty when the connection has no such message; fails with the port's error
     */
    CompletionStage<Optional<ScheduledMassMessage>> getScheduledMassMessage(MessageRef query);
}

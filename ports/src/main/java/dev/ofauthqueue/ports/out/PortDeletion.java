package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.domain.ScheduledMassMessage;
import java.util.Objects;

/**
 * What a delete request to OFAuth achieved. Technical failures (rejections, network errors, bad answers) are not
 * here: they fail the returned stage.
 */
public sealed interface PortDeletion permits PortDeletion.Deleted, PortDeletion.NotFound, PortDeletion.Unconfirmed {

    /**
     * OFAuth confirmed the deletion.
     *
     * @param message the queue item as OFAuth returned it (canceled)
     */
    record Deleted(ScheduledMassMessage message) implements PortDeletion {
        public Deleted {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * OFAuth does not know the message (404): never existed, already deleted, or another connection's.
     *
     * @param afterUncertainAttempt true when an earlier attempt of this same request may have reached OFAuth and
     *                              deleted it (the 404 answered a retry)
     */
    record NotFound(boolean afterUncertainAttempt) implements PortDeletion {}

    /**
     * The request may or may not have taken effect: it was sent, and no answer came (a timeout after sending).
     *
     * @param cause what ended the wait
     */
    record Unconfirmed(Throwable cause) implements PortDeletion {
        public Unconfirmed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}

package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the library needs from OFAuth to manage a connection's scheduled mass messages. Every call names the
 * connection it acts for: one implementation serves many connections.
 *
 * <p>Technical failures (authentication, permission, rate limits left after retrying, transport, decoding) fail the
 * returned stage; they are never thrown from the method itself.
 */
public interface ScheduledQueuePort {

    /** The largest page OFAuth serves. */
    int MAX_PAGE_SIZE = 20;

    /**
     * One page of the connection's scheduled queue ({@code GET /v2/access/mass-messages?type=scheduled}).
     *
     * @param connection whose queue
     * @param offset     zero or more
     * @param limit      1 to {@value #MAX_PAGE_SIZE}
     * @return the page
     */
    CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit);

    /**
     * One message ({@code GET /v2/access/mass-messages/{id}}).
     *
     * @param connection whose message
     * @param id         which message
     * @return the message, or empty when OFAuth answers 404 for it
     */
    CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId connection, MassMessageId id);

    /**
     * Deletes one scheduled message.
     *
     * @param connection whose message
     * @param id         which message
     * @return what OFAuth's answer (or its absence) means; see {@link PortDeletion}
     */
    CompletionStage<PortDeletion> deleteScheduledMassMessage(ConnectionId connection, MassMessageId id);
}

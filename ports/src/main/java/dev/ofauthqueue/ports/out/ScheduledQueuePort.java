package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
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
     * Deletes one message only if it is still scheduled: always through the route that cannot unsend a message
     * already sent ({@code DELETE /v2/access/mass-messages/scheduled/{id}}), whatever route single deletions are
     * configured to use, because a deletion job acts on a snapshot that may be stale. The caller has already taken
     * the first attempt's token from {@link #rateBudget()}; retries take their own, and a 429 is not retried here but
     * fails the stage with {@link OfAuthException.RateLimited} so that the caller can put the message back in line
     * without holding a concurrency slot while it waits. Before every attempt, the first included, the port asks
     * {@code permit}; when it refuses, nothing more is sent and the answer is {@link DeleteRequestOutcome.Withheld}.
     *
     * @param connection whose message
     * @param id         which message
     * @param permit     asked before each attempt
     * @return what OFAuth's answer (or its absence) means; see {@link DeleteRequestOutcome}
     */
    CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
            ConnectionId connection, MassMessageId id, SendPermit permit);

    /**
     * The budget this port paces its calls with, to be shared with deletion jobs.
     *
     * @return the budget; {@link RateBudget#unlimited()} by default
     */
    default RateBudget rateBudget() {
        return RateBudget.unlimited();
    }

    /**
     * Deletes one scheduled message.
     *
     * @param connection whose message
     * @param id         which message
     * @return what OFAuth's answer (or its absence) means; see {@link DeleteRequestOutcome}
     */
    CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId connection, MassMessageId id);

    /**
     * Deletes one scheduled message, telling {@code attempts} of each attempt of the request as it ends. By default
     * (a port whose requests are not attempts on a wire, such as an in-memory one) it tells nothing.
     *
     * @param connection whose message
     * @param id         which message
     * @param attempts   told of each attempt as it ends
     * @return what OFAuth's answer (or its absence) means; see {@link DeleteRequestOutcome}
     */
    default CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
            ConnectionId connection, MassMessageId id, AttemptListener attempts) {
        return deleteScheduledMassMessage(connection, id);
    }
}

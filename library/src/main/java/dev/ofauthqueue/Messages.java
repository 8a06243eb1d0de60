package dev.ofauthqueue;

import java.util.Objects;
import java.util.Optional;

/**
 * A connection's scheduled mass messages, each call waiting for its answer (at most the builder's blocking timeout;
 * never on a Vert.x event loop, where it throws). {@link AsyncMessages} has the same methods, answering stages.
 *
 * <pre>{@code
 * DeletionOutcome outcome = ofauth.messages().delete(ConnectionId.of("conn_demo"), 5003);
 * if (outcome instanceof DeletionOutcome.Refused refused) {
 *     System.out.println("kept: " + refused.decision().reason());
 * }
 * }</pre>
 *
 * Failures are rethrown as they are ({@code OfAuthException} and its kinds); a wait longer than the timeout throws a
 * {@link java.util.concurrent.CompletionException} wrapping a {@link java.util.concurrent.TimeoutException}.
 */
public final class Messages {

    private final AsyncMessages async;
    private final Blocking blocking;

    Messages(AsyncMessages async, Blocking blocking) {
        this.async = Objects.requireNonNull(async, "async");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    /**
     * Lists the connection's whole scheduled queue, page by page.
     *
     * @param connection whose queue
     * @return the queue in send order
     */
    public ScheduledQueue list(ConnectionId connection) {
        return blocking.await(() -> async.list(connection));
    }

    /**
     * Reads one message.
     *
     * @param connection whose queue
     * @param id         which message
     * @return the message, or empty when the connection has none with this id
     */
    public Optional<ScheduledMassMessage> get(ConnectionId connection, MassMessageId id) {
        return blocking.await(() -> async.get(connection, id));
    }

    /**
     * Reads one message.
     *
     * @param connection whose queue
     * @param id         which message, positive
     * @return the message, or empty when the connection has none with this id
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public Optional<ScheduledMassMessage> get(ConnectionId connection, long id) {
        return get(connection, MassMessageId.of(id));
    }

    /**
     * Deletes one message if the policy allows it now; reads it first, and decides before any DELETE is sent.
     *
     * @param connection whose queue
     * @param id         which message
     * @return how it ended; never thrown for a technical failure, which is {@link DeletionOutcome.Failed}
     */
    public DeletionOutcome delete(ConnectionId connection, MassMessageId id) {
        return blocking.await(() -> async.delete(connection, id));
    }

    /**
     * Deletes one message if the policy allows it now.
     *
     * @param connection whose queue
     * @param id         which message, positive
     * @return how it ended
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public DeletionOutcome delete(ConnectionId connection, long id) {
        return delete(connection, MassMessageId.of(id));
    }

    /**
     * Creates a mass message, scheduled when the draft has a send time. Never retried.
     *
     * @param connection whose queue
     * @param draft      what to send, to whom, and when
     * @return what OFAuth created
     */
    public MassMessageReceipt schedule(ConnectionId connection, MassMessageDraft draft) {
        return blocking.await(() -> async.schedule(connection, draft));
    }

    /**
     * Changes a scheduled message.
     *
     * @param connection whose queue
     * @param id         which message
     * @param draft      its new content and send time
     * @return what OFAuth answered
     */
    public MassMessageReceipt reschedule(ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        return blocking.await(() -> async.reschedule(connection, id, draft));
    }
}

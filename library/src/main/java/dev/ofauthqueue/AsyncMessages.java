package dev.ofauthqueue;

import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.in.RescheduleMassMessageCommand;
import dev.ofauthqueue.ports.in.ScheduleMassMessageCommand;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's scheduled mass messages, each call answering a {@link CompletionStage}: for code on a Vert.x event
 * loop or composing futures. {@link Messages} has the same methods, waiting for their answers.
 *
 * <pre>{@code
 * ofauth.async().messages()
 *         .delete(ConnectionId.of("conn_demo"), 5003)
 *         .thenAccept(outcome -> System.out.println(outcome.kind()));
 * }</pre>
 *
 * A stage fails with the port's failure ({@code OfAuthException} and its kinds) when OFAuth cannot be asked or
 * refuses; a deletion never fails its stage for a technical failure: that is {@link DeletionOutcome.Failed}.
 */
public final class AsyncMessages {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncMessages.class);

    private final ScheduledQueueService service;
    private final Observability observability;

    AsyncMessages(ScheduledQueueService service, Observability observability) {
        this.service = Objects.requireNonNull(service, "service");
        this.observability = Objects.requireNonNull(observability, "observability");
    }

    /** What hears the deletion's end; an observability that throws observes nothing and changes nothing. */
    private Observability.DeletionEnd deletionStarted() {
        try {
            return observability.deletionStarted();
        } catch (RuntimeException e) {
            LOG.warn("the observability failed; ignored", e);
            return Observability.DeletionEnd.NONE;
        }
    }

    /**
     * Lists the connection's whole scheduled queue, page by page.
     *
     * @param connection whose queue
     * @return the queue in send order
     */
    public CompletionStage<ScheduledQueue> list(ConnectionId connection) {
        return service.listScheduledQueue(connection);
    }

    /**
     * Reads one message.
     *
     * @param connection whose queue
     * @param id         which message
     * @return the message, or empty when the connection has none with this id
     */
    public CompletionStage<Optional<ScheduledMassMessage>> get(ConnectionId connection, MassMessageId id) {
        return service.getScheduledMassMessage(new MessageRef(connection, id));
    }

    /**
     * Reads one message.
     *
     * @param connection whose queue
     * @param id         which message, positive
     * @return the message, or empty when the connection has none with this id
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public CompletionStage<Optional<ScheduledMassMessage>> get(ConnectionId connection, long id) {
        return get(connection, MassMessageId.of(id));
    }

    /**
     * Deletes one message if the policy allows it now; reads it first, and decides before any DELETE is sent.
     *
     * @param connection whose queue
     * @param id         which message
     * @return how it ended: deleted, already gone, refused with the reason, failed or unconfirmed
     */
    public CompletionStage<DeletionOutcome> delete(ConnectionId connection, MassMessageId id) {
        Observability.DeletionEnd observed = deletionStarted();
        if (observed == Observability.DeletionEnd.NONE) {
            return service.deleteScheduledMassMessage(new MessageRef(connection, id)); // unobserved: nothing counted
        }
        AtomicInteger attempts = new AtomicInteger();
        return service.deleteScheduledMassMessage(
                        new MessageRef(connection, id), (attempt, took) -> attempts.incrementAndGet())
                .whenComplete((outcome, failure) -> {
                    if (outcome != null) {
                        try {
                            observed.ended(outcome, attempts.get());
                        } catch (RuntimeException e) {
                            LOG.warn("the observability failed; ignored", e);
                        }
                    }
                });
    }

    /**
     * Deletes one message if the policy allows it now.
     *
     * @param connection whose queue
     * @param id         which message, positive
     * @return how it ended
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public CompletionStage<DeletionOutcome> delete(ConnectionId connection, long id) {
        return delete(connection, MassMessageId.of(id));
    }

    /**
     * Creates a mass message, scheduled when the draft has a send time. Never retried: a lost answer is not sent twice.
     *
     * @param connection whose queue
     * @param draft      what to send, to whom, and when
     * @return what OFAuth created
     */
    public CompletionStage<MassMessageReceipt> schedule(ConnectionId connection, MassMessageDraft draft) {
        return service.scheduleMassMessage(new ScheduleMassMessageCommand(connection, draft));
    }

    /**
     * Changes a scheduled message.
     *
     * @param connection whose queue
     * @param id         which message
     * @param draft      its new content and send time
     * @return what OFAuth answered
     */
    public CompletionStage<MassMessageReceipt> reschedule(
            ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        return service.rescheduleMassMessage(new RescheduleMassMessageCommand(connection, id, draft));
    }
}

package dev.ofauthqueue.library;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.domain.ScheduledJob;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.MessageQuery;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.in.RescheduleMassMessageCommand;
import dev.ofauthqueue.ports.in.ScheduleMassMessageCommand;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The use cases for callers who do not use futures: each method waits for its answer. It refuses to run on a Vert.x
 * event loop, where waiting would stall every other request.
 *
 * <pre>{@code
 * BlockingScheduledQueue queue = new BlockingScheduledQueue(service, Duration.ofMinutes(2));
 * DeletionOutcome outcome = queue.delete(connection, MassMessageId.of(5001));
 * }</pre>
 *
 * Failures of the stage are rethrown as they are (the port's {@link dev.ofauthqueue.ports.out.OfAuthException} and
 * friends); a wait longer than {@code timeout} throws {@link CompletionException} wrapping a {@link TimeoutException}.
 */
public final class BlockingScheduledQueue {

    private final ScheduledQueueService service;
    private final Duration timeout;

    /**
     * A blocking view of {@code service}.
     *
     * @param service the use cases
     * @param timeout how long each method waits at most
     */
    public BlockingScheduledQueue(ScheduledQueueService service, Duration timeout) {
        this.service = Objects.requireNonNull(service, "service");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /**
     * Lists the connection's whole scheduled queue.
     *
     * @param connection whose queue
     * @return the queue in send order
     */
    public ScheduledQueue list(ConnectionId connection) {
        return await(() -> service.listScheduledQueue(connection));
    }

    /**
     * Reads one message.
     *
     * @param connection whose queue
     * @param id         which message
     * @return the message, or empty when the connection has none with this id
     */
    public Optional<ScheduledMassMessage> get(ConnectionId connection, MassMessageId id) {
        return await(() -> service.getScheduledMassMessage(new MessageQuery(connection, id)));
    }

    /**
     * Deletes one message if the policy allows it now.
     *
     * @param connection whose queue
     * @param id         which message
     * @return how it ended; never thrown for a technical failure, which is {@link DeletionOutcome.Failed}
     */
    public DeletionOutcome delete(ConnectionId connection, MassMessageId id) {
        return await(() -> service.deleteScheduledMassMessage(new MessageQuery(connection, id)));
    }

    /**
     * The dry run: what deleting the selected messages now would do.
     *
     * @param connection whose queue
     * @param selector   which messages
     * @return the plan; nothing is deleted
     */
    public DeletionPlan plan(ConnectionId connection, MessageSelector selector) {
        return await(() -> service.planDeletion(new PlanDeletionCommand(connection, selector)));
    }

    /**
     * Deletes a plan's allowed messages.
     *
     * @param plan made by {@link #plan}
     * @return one outcome per plan item
     */
    public DeletionReport execute(DeletionPlan plan) {
        return await(() -> service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));
    }

    /**
     * Creates a mass message, scheduled when the draft has a send time. Never retried.
     *
     * @param connection whose queue
     * @param draft      what to send, and when
     * @return the job OFAuth made
     */
    public ScheduledJob schedule(ConnectionId connection, MassMessageDraft draft) {
        return await(() -> service.scheduleMassMessage(new ScheduleMassMessageCommand(connection, draft)));
    }

    /**
     * Changes a scheduled message.
     *
     * @param connection whose queue
     * @param id         which message
     * @param draft      its new content and send time
     * @return the job OFAuth answered
     */
    public ScheduledJob reschedule(ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        return await(() -> service.rescheduleMassMessage(new RescheduleMassMessageCommand(connection, id, draft)));
    }

    private <T> T await(Supplier<CompletionStage<T>> call) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("BlockingScheduledQueue must not be used on a Vert.x event loop: "
                    + "use ScheduledQueueService's CompletionStage methods there");
        }
        try {
            return call.get().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            // get() has already taken the failure out of any CompletionException around it.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new CompletionException(e);
        }
    }
}

package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionPlan;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.MessageSelector;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.domain.ScheduledQueue;
import dev.ofauthqueue.ports.in.DeletionOutcome;
import dev.ofauthqueue.ports.in.DeletionReport;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.MessageQuery;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
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
 * Failures of the stage are rethrown as they are ({@link OfAuthException} and friends); a wait longer than
 * {@code timeout} throws {@link java.util.concurrent.CompletionException} wrapping a {@link TimeoutException}.
 */
public final class BlockingScheduledQueue {

    private final ScheduledQueueService service;
    private final Duration timeout;

    public BlockingScheduledQueue(ScheduledQueueService service, Duration timeout) {
        this.service = Objects.requireNonNull(service, "service");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public ScheduledQueue list(ConnectionId connection) {
        return await(() -> service.listScheduledQueue(connection));
    }

    public Optional<ScheduledMassMessage> get(ConnectionId connection, MassMessageId id) {
        return await(() -> service.getScheduledMassMessage(new MessageQuery(connection, id)));
    }

    public DeletionOutcome delete(ConnectionId connection, MassMessageId id) {
        return await(() -> service.deleteScheduledMassMessage(new MessageQuery(connection, id)));
    }

    public DeletionPlan plan(ConnectionId connection, MessageSelector selector) {
        return await(() -> service.planDeletion(new PlanDeletionCommand(connection, selector)));
    }

    public DeletionReport execute(DeletionPlan plan) {
        return await(() -> service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));
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
            Throwable cause = VertxOfAuthClient.unwrap(e.getCause());
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new CompletionException(e);
        }
    }
}

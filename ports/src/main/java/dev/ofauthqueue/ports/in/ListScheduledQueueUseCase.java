package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ScheduledQueue;
import java.util.concurrent.CompletionStage;

/** Lists a connection's whole scheduled queue, walking every page. */
public interface ListScheduledQueueUseCase {

    /**
     * Reads every page of the connection's scheduled queue.
     *
     * @param connection whose queue
     * @return the queue in send order; fails with the port's error when a page cannot be read, or with
     *     {@link IllegalStateException} when the API answers pages that cannot end
     */
    CompletionStage<ScheduledQueue> listScheduledQueue(ConnectionId connection);
}

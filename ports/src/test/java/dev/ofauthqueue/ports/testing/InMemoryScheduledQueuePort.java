package dev.ofauthqueue.ports.testing;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.domain.ScheduledQueue;
import dev.ofauthqueue.ports.out.PortDeletion;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * An in-memory {@link ScheduledQueuePort} for embedders' unit tests, published in the {@code ports} test-jar
 * (classifier {@code tests}). It follows OFAuth's state rules as API-NOTES.md records them, judged at its
 * {@link Clock}'s instant:
 * <ul>
 *   <li>delete of a SCHEDULED or FAILED message: {@link PortDeletion.Deleted} with the message canceled
 *       ({@code canceled}, {@code canUnsend=false}, {@code unsendSeconds=0}); it leaves lists and reads;</li>
 *   <li>delete of a SENDING or SENT message: the stage fails with {@link Rejected} (OFAuth's 400);</li>
 *   <li>delete or read of an unknown, deleted, or other connection's id: {@link PortDeletion.NotFound} / empty.</li>
 * </ul>
 * The scheduled list ({@link #fetchScheduledPage}) holds every message not deleted and not yet SENT.
 * Scripted faults ({@link #failNextCall(Throwable)}, {@link #leaveNextDeleteUnanswered(boolean)}) let a test drive the
 * service's failure paths. Thread-safe.
 */
public final class InMemoryScheduledQueuePort implements ScheduledQueuePort {

    /** OFAuth's 400 for a message that is sending or sent. */
    public static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Rejected(String message) {
            super(message);
        }
    }

    private final Clock clock;
    private final Map<ConnectionId, Map<MassMessageId, ScheduledMassMessage>> queues = new HashMap<>();
    private final Deque<Throwable> scriptedFailures = new ArrayDeque<>();
    private final Deque<Boolean> unansweredDeletes = new ArrayDeque<>();
    private final List<MassMessageId> deleteRequests = new ArrayList<>();

    public InMemoryScheduledQueuePort(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds (or replaces) messages in a connection's queue. */
    public synchronized InMemoryScheduledQueuePort put(ConnectionId connection, ScheduledMassMessage... messages) {
        Map<MassMessageId, ScheduledMassMessage> queue = queues.computeIfAbsent(connection, c -> new LinkedHashMap<>());
        for (ScheduledMassMessage m : messages) {
            queue.put(m.id(), m);
        }
        return this;
    }

    public synchronized InMemoryScheduledQueuePort put(ConnectionId connection, List<ScheduledMassMessage> messages) {
        return put(connection, messages.toArray(ScheduledMassMessage[]::new));
    }

    /** The next call of any kind fails its stage with {@code failure}. */
    public synchronized void failNextCall(Throwable failure) {
        scriptedFailures.add(failure);
    }

    /**
     * The next delete gets no answer ({@link PortDeletion.Unconfirmed}).
     *
     * @param applied whether the deletion nevertheless took effect
     */
    public synchronized void leaveNextDeleteUnanswered(boolean applied) {
        unansweredDeletes.add(applied);
    }

    /** The ids of every delete request received, in order, including rejected and unknown ones. */
    public synchronized List<MassMessageId> deleteRequests() {
        return List.copyOf(deleteRequests);
    }

    /** The connection's queue as it is now: every stored message that is not deleted. */
    public synchronized ScheduledQueue queue(ConnectionId connection) {
        return ScheduledQueue.of(connection, visible(connection));
    }

    @Override
    public synchronized CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_SIZE) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "offset must be >= 0 and limit 1.." + MAX_PAGE_SIZE + ", were " + offset + " and " + limit));
        }
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        List<ScheduledMassMessage> all = ScheduledQueue.of(connection, visible(connection)).messages().stream()
                .filter(m -> m.stateAt(clock.instant()) != MessageState.SENT)
                .toList();
        int from = Math.min(offset, all.size());
        int to = Math.min(from + limit, all.size());
        return CompletableFuture.completedFuture(new QueuePage(all.subList(from, to), to < all.size()));
    }

    @Override
    public synchronized CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(
            ConnectionId connection, MassMessageId id) {
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        return CompletableFuture.completedFuture(find(connection, id));
    }

    @Override
    public synchronized CompletionStage<PortDeletion> deleteScheduledMassMessage(
            ConnectionId connection, MassMessageId id) {
        deleteRequests.add(id);
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        Boolean unanswered = unansweredDeletes.poll();
        Optional<ScheduledMassMessage> current = find(connection, id);
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(new PortDeletion.NotFound(false));
        }
        MessageState state = current.get().stateAt(clock.instant());
        if (state == MessageState.SENDING || state == MessageState.SENT) {
            return CompletableFuture.failedFuture(new Rejected("message " + id + " is " + state));
        }
        ScheduledMassMessage canceled = current.get().toBuilder()
                .canceled(true)
                .canUnsend(false)
                .unsendSeconds(0)
                .build();
        if (unanswered == null || unanswered) {
            queues.get(connection).put(id, canceled);
        }
        if (unanswered != null) {
            return CompletableFuture.completedFuture(
                    new PortDeletion.Unconfirmed(new TimeoutException("no answer to DELETE " + id)));
        }
        return CompletableFuture.completedFuture(new PortDeletion.Deleted(canceled));
    }

    private Optional<Throwable> nextFailure() {
        return Optional.ofNullable(scriptedFailures.poll());
    }

    private Optional<ScheduledMassMessage> find(ConnectionId connection, MassMessageId id) {
        return Optional.ofNullable(queues.getOrDefault(connection, Map.of()).get(id))
                .filter(m -> !m.canceled());
    }

    private List<ScheduledMassMessage> visible(ConnectionId connection) {
        return queues.getOrDefault(connection, Map.of()).values().stream()
                .filter(m -> !m.canceled())
                .toList();
    }
}

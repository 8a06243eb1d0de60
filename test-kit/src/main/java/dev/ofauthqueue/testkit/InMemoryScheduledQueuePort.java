package dev.ofauthqueue.testkit;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import java.time.Clock;
import java.time.Duration;
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
 * OFAuth in memory, for tests of code that uses the library without HTTP. It follows OFAuth's state rules as
 * API-NOTES.md records them, judged at its {@link Clock}'s instant, and fails with the port's own
 * {@link OfAuthException} types, exactly as the Vert.x adapter does:
 *
 * <ul>
 *   <li>delete of a SCHEDULED or FAILED message: {@link DeleteRequestOutcome.Deleted} with the message canceled
 *       ({@code canceled}, {@code canUnsend=false}, {@code unsendSeconds=0}); it leaves lists and reads;
 *   <li>delete of a SENDING or SENT message: {@link DeleteRequestOutcome.RefusedByOfAuth} (OFAuth's 400);
 *   <li>delete or read of an unknown, deleted, or other connection's id: {@link DeleteRequestOutcome.NotFound} / empty;
 *   <li>schedule: a new message with the next free id; reschedule: changes a SCHEDULED message (404 as
 *       {@link OfAuthException.NotFound} when unknown, 400 when no longer scheduled).
 * </ul>
 *
 * {@link #deleteIfStillScheduled} behaves as {@link #deleteScheduledMassMessage} (this port has one route). The
 * scheduled list ({@link #fetchScheduledPage}) holds every message not deleted and not yet SENT. Scripted faults
 * ({@link #failNextCall(Throwable)}, {@link #leaveNextDeleteUnanswered(boolean)}) drive the failure paths. Thread-safe.
 */
public final class InMemoryScheduledQueuePort implements ScheduledQueuePort, ScheduleMassMessagePort {

    /** What this port asks a caller's permit for, as a client's request timeout would be. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    private final Clock clock;
    private final Map<ConnectionId, Map<MassMessageId, ScheduledMassMessage>> queues = new HashMap<>();
    private final Deque<Throwable> scriptedFailures = new ArrayDeque<>();
    private final Deque<Boolean> unansweredDeletes = new ArrayDeque<>();
    private final List<MassMessageId> deleteRequests = new ArrayList<>();
    private final List<MassMessageId> readRequests = new ArrayList<>();
    private int pageRequests;

    /**
     * An empty OFAuth.
     *
     * @param clock decides whether a message is scheduled, sending or sent
     */
    public InMemoryScheduledQueuePort(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds (or replaces) messages in a connection's queue.
     *
     * @param connection whose queue
     * @param messages   the messages
     * @return this port
     */
    public synchronized InMemoryScheduledQueuePort put(ConnectionId connection, ScheduledMassMessage... messages) {
        Map<MassMessageId, ScheduledMassMessage> queue = queues.computeIfAbsent(connection, c -> new LinkedHashMap<>());
        for (ScheduledMassMessage m : messages) {
            queue.put(m.id(), m);
        }
        return this;
    }

    /**
     * Adds (or replaces) messages in a connection's queue.
     *
     * @param connection whose queue
     * @param messages   the messages
     * @return this port
     */
    public synchronized InMemoryScheduledQueuePort put(ConnectionId connection, List<ScheduledMassMessage> messages) {
        return put(connection, messages.toArray(ScheduledMassMessage[]::new));
    }

    /**
     * Makes the next call of any kind fail its stage.
     *
     * @param failure what the stage fails with, typically an {@link OfAuthException}
     */
    public synchronized void failNextCall(Throwable failure) {
        scriptedFailures.add(Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Leaves the next delete without an answer ({@link DeleteRequestOutcome.Unconfirmed}).
     *
     * @param applied whether the deletion nevertheless took effect
     */
    public synchronized void leaveNextDeleteUnanswered(boolean applied) {
        unansweredDeletes.add(applied);
    }

    /**
     * Every delete request received, in order, rejected and unknown ones included.
     *
     * @return the ids asked for
     */
    public synchronized List<MassMessageId> deleteRequests() {
        return List.copyOf(deleteRequests);
    }

    /**
     * Every read of one message received, in order.
     *
     * @return the ids asked for
     */
    public synchronized List<MassMessageId> readRequests() {
        return List.copyOf(readRequests);
    }

    /**
     * How many list pages were asked for.
     *
     * @return the count
     */
    public synchronized int pageRequests() {
        return pageRequests;
    }

    /**
     * The connection's queue as it is now.
     *
     * @param connection whose queue
     * @return every stored message that is not deleted
     */
    public synchronized ScheduledQueue queue(ConnectionId connection) {
        return ScheduledQueue.of(connection, visible(connection));
    }

    @Override
    public synchronized CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_SIZE) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "offset must be >= 0 and limit 1.." + MAX_PAGE_SIZE + ", were " + offset + " and " + limit));
        }
        pageRequests++;
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
        readRequests.add(id);
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        return CompletableFuture.completedFuture(find(connection, id));
    }

    @Override
    public synchronized CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
            ConnectionId connection, MassMessageId id) {
        deleteRequests.add(id);
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        Boolean unanswered = unansweredDeletes.poll();
        Optional<ScheduledMassMessage> current = find(connection, id);
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(new DeleteRequestOutcome.NotFound());
        }
        MessageState state = current.get().stateAt(clock.instant());
        if (state == MessageState.SENDING || state == MessageState.SENT) {
            return CompletableFuture.completedFuture(new DeleteRequestOutcome.RefusedByOfAuth(
                    400,
                    "Cannot delete message " + id + ": it is " + state,
                    Optional.of("BAD_REQUEST"),
                    Optional.empty()));
        }
        ScheduledMassMessage canceled = current.get().toBuilder()
                .canceled(true)
                .canUnsend(false)
                .unsendSeconds(0)
                .build();
        if (unanswered == null || unanswered) {
            put(connection, canceled);
        }
        if (unanswered != null) {
            return CompletableFuture.completedFuture(
                    new DeleteRequestOutcome.Unconfirmed(new TimeoutException("no answer to DELETE " + id)));
        }
        return CompletableFuture.completedFuture(new DeleteRequestOutcome.Deleted(canceled));
    }

    /**
     * Asks {@code permit} for one attempt of up to {@link #ATTEMPT_TIMEOUT}; withheld, nothing is sent. A sent attempt
     * takes no time here: the permit hears it ended after zero.
     */
    @Override
    public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
            ConnectionId connection, MassMessageId id, SendPermit permit) {
        return permit.attemptLimit(ATTEMPT_TIMEOUT)
                .thenCompose(limit -> limit.isZero()
                        ? CompletableFuture.<DeleteRequestOutcome>completedFuture(
                                new DeleteRequestOutcome.Withheld(false))
                        : deleteScheduledMassMessage(connection, id)
                                .whenComplete((answer, failure) -> permit.attemptEnded(1, Duration.ZERO)));
    }

    @Override
    public synchronized CompletionStage<MassMessageReceipt> scheduleMassMessage(
            ConnectionId connection, MassMessageDraft draft) {
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        MassMessageId id = MassMessageId.of(1
                + queues.values().stream()
                        .flatMap(q -> q.keySet().stream())
                        .mapToLong(MassMessageId::value)
                        .max()
                        .orElse(99_999));
        ScheduledMassMessage created = drafted(ScheduledMassMessage.builder(id).createdAt(clock.instant()), draft);
        put(connection, created);
        return CompletableFuture.completedFuture(job(created));
    }

    @Override
    public synchronized CompletionStage<MassMessageReceipt> rescheduleMassMessage(
            ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        Optional<Throwable> failure = nextFailure();
        if (failure.isPresent()) {
            return CompletableFuture.failedFuture(failure.get());
        }
        Optional<ScheduledMassMessage> current = find(connection, id);
        if (current.isEmpty()) {
            return CompletableFuture.failedFuture(new OfAuthException.NotFound(
                    "PUT /v2/access/mass-messages/{id} failed: Mass message not found",
                    404,
                    "RESOURCE_NOT_FOUND",
                    null));
        }
        MessageState state = current.get().stateAt(clock.instant());
        if (state != MessageState.SCHEDULED) {
            return CompletableFuture.failedFuture(badRequest("PUT", "message " + id + " is " + state));
        }
        ScheduledMassMessage changed = drafted(current.get().toBuilder(), draft);
        put(connection, changed);
        return CompletableFuture.completedFuture(job(changed));
    }

    private ScheduledMassMessage drafted(ScheduledMassMessage.Builder builder, MassMessageDraft draft) {
        List<Long> media = draft.mediaIds();
        return builder.text(draft.text())
                .price(draft.price())
                .lockedText(draft.lockedText())
                .sendAt(draft.sendAt().orElse(clock.instant()))
                .changedAt(clock.instant())
                .media(media.isEmpty() ? MediaSummary.NONE : new MediaSummary(Map.of(), media.size(), media, List.of()))
                .build();
    }

    private static MassMessageReceipt job(ScheduledMassMessage m) {
        return new MassMessageReceipt(m.id(), m.sendAt(), m.canceled(), m.failed());
    }

    private static OfAuthException badRequest(String method, String why) {
        return new OfAuthException.BadRequest(method + " failed: " + why, 400, "BAD_REQUEST", null);
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

    @Override
    public synchronized String toString() {
        return "InMemoryScheduledQueuePort["
                + queues.values().stream().mapToInt(Map::size).sum() + " messages]";
    }
}

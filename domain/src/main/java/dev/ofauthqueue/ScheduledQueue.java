package dev.ofauthqueue;

import dev.ofauthqueue.domain.MessageState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullMarked;

/**
 * One connection's mass-message queue: an immutable collection ordered by send time (messages without one last),
 * then by id. Ids are unique.
 *
 * <pre>{@code
 * ScheduledQueue queue = ofauth.messages().list(ConnectionId.of("conn_demo"));
 * System.out.println(queue.size() + " scheduled, " + queue.dueWithin(Instant.now(), Duration.ofHours(1)).size()
 *         + " within the hour");
 * }</pre>
 */
@NullMarked
public final class ScheduledQueue {

    /** By send time, messages without a send time last, then by id. */
    public static final Comparator<ScheduledMassMessage> SEND_ORDER = Comparator.comparing(
                    (ScheduledMassMessage m) -> m.sendAt().orElse(Instant.MAX))
            .thenComparing(ScheduledMassMessage::id);

    private final ConnectionId connection;
    private final List<ScheduledMassMessage> messages;

    private ScheduledQueue(ConnectionId connection, List<ScheduledMassMessage> messages) {
        this.connection = connection;
        this.messages = messages;
    }

    /**
     * A queue of {@code messages}, sorted into send order.
     *
     * @param connection the connection the queue belongs to
     * @param messages   its messages, in any order
     * @return the queue
     * @throws IllegalArgumentException when two messages share an id
     */
    public static ScheduledQueue of(ConnectionId connection, Collection<ScheduledMassMessage> messages) {
        Objects.requireNonNull(connection, "connection");
        List<ScheduledMassMessage> sorted = new ArrayList<>(messages);
        Set<MassMessageId> seen = new HashSet<>();
        for (ScheduledMassMessage m : sorted) {
            Objects.requireNonNull(m, "message");
            if (!seen.add(m.id())) {
                throw new IllegalArgumentException("queue holds message " + m.id() + " twice");
            }
        }
        sorted.sort(SEND_ORDER);
        return new ScheduledQueue(connection, List.copyOf(sorted));
    }

    /**
     * A queue without messages.
     *
     * @param connection the connection the queue belongs to
     * @return the empty queue
     */
    public static ScheduledQueue empty(ConnectionId connection) {
        return of(connection, List.of());
    }

    /**
     * The connection the queue belongs to.
     *
     * @return the connection
     */
    public ConnectionId connection() {
        return connection;
    }

    /**
     * All messages, in send order.
     *
     * @return an unmodifiable list
     */
    public List<ScheduledMassMessage> messages() {
        return messages;
    }

    /**
     * How many messages the queue holds.
     *
     * @return the count
     */
    public int size() {
        return messages.size();
    }

    /**
     * Whether the queue holds no message.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * The message with {@code id}.
     *
     * @param id the id
     * @return the message, or empty when the queue does not hold it
     */
    public Optional<ScheduledMassMessage> find(MassMessageId id) {
        Objects.requireNonNull(id, "id");
        return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * Messages still SCHEDULED at {@code now}, in send order.
     *
     * @param now the instant to judge states at
     * @return the upcoming messages
     */
    public List<ScheduledMassMessage> upcoming(Instant now) {
        return select(MessageSelector.inState(MessageState.SCHEDULED), now);
    }

    /**
     * SCHEDULED messages sent from {@code now} up to and including {@code now + window}.
     *
     * @param now    the start of the window
     * @param window its length, zero or more
     * @return those messages, in send order
     */
    public List<ScheduledMassMessage> dueWithin(Instant now, Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must be zero or more, was " + window);
        }
        Instant end = now.plus(window);
        return messages.stream()
                .filter(m -> m.stateAt(now) == MessageState.SCHEDULED)
                .filter(m -> m.sendAt().map(t -> !t.isAfter(end)).orElse(false))
                .toList();
    }

    /**
     * Messages matching {@code selector} at {@code now}, in send order.
     *
     * @param selector which messages to choose
     * @param now      the instant to judge at
     * @return the chosen messages
     */
    public List<ScheduledMassMessage> select(MessageSelector selector, Instant now) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(now, "now");
        return messages.stream().filter(m -> selector.matches(m, now)).toList();
    }

    /**
     * This queue without the message {@code id} (the same queue when it is not there).
     *
     * @param id the id to leave out
     * @return the smaller queue, or this one
     */
    public ScheduledQueue without(MassMessageId id) {
        return new ScheduledQueue(
                connection, messages.stream().filter(m -> !m.id().equals(id)).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduledQueue other
                && connection.equals(other.connection)
                && messages.equals(other.messages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, messages);
    }

    @Override
    public String toString() {
        return "ScheduledQueue[" + connection + ", " + messages.size() + " messages]";
    }
}

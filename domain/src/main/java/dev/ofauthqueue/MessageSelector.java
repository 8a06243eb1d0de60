package dev.ofauthqueue;

import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.domain.Money;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.NullMarked;

/**
 * Chooses messages from a queue. Selectors compose with {@link #and}, {@link #or} and {@link #negate}. Some depend on
 * the instant (a message's state does), so {@code now} is a parameter.
 *
 * <pre>{@code
 * DeletionPlan plan = ofauth.plans()
 *         .plan(ConnectionId.of("conn_demo"), MessageSelector.free().and(MessageSelector.textContains("sale")));
 * }</pre>
 */
@FunctionalInterface
@NullMarked
public interface MessageSelector {

    /**
     * Whether {@code message} is chosen at {@code now}.
     *
     * @param message a message of the queue
     * @param now     the instant to judge state-dependent criteria at
     * @return {@code true} to choose it
     */
    boolean matches(ScheduledMassMessage message, Instant now);

    /**
     * Chooses messages both this selector and {@code other} choose.
     *
     * @param other the other selector
     * @return the conjunction
     */
    default MessageSelector and(MessageSelector other) {
        Objects.requireNonNull(other, "other");
        return (m, now) -> matches(m, now) && other.matches(m, now);
    }

    /**
     * Chooses messages this selector or {@code other} chooses.
     *
     * @param other the other selector
     * @return the disjunction
     */
    default MessageSelector or(MessageSelector other) {
        Objects.requireNonNull(other, "other");
        return (m, now) -> matches(m, now) || other.matches(m, now);
    }

    /**
     * Chooses the messages this selector does not.
     *
     * @return the negation
     */
    default MessageSelector negate() {
        return (m, now) -> !matches(m, now);
    }

    /**
     * Every message.
     *
     * @return a selector matching everything
     */
    static MessageSelector all() {
        return (m, now) -> true;
    }

    /**
     * Messages whose text contains {@code fragment}, ignoring case.
     *
     * @param fragment the text to look for
     * @return the selector
     */
    static MessageSelector textContains(String fragment) {
        Objects.requireNonNull(fragment, "fragment");
        String needle = fragment.toLowerCase(Locale.ROOT);
        return (m, now) -> m.text().toLowerCase(Locale.ROOT).contains(needle);
    }

    /**
     * Messages sent at or after {@code from} and before {@code until}; messages without a send time never match.
     *
     * @param from  the first instant included
     * @param until the first instant excluded, not before {@code from}
     * @return the selector
     * @throws IllegalArgumentException when {@code until} is before {@code from}
     */
    static MessageSelector sendTimeBetween(Instant from, Instant until) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("until must not be before from, was " + from + " .. " + until);
        }
        return (m, now) ->
                m.sendAt().map(t -> !t.isBefore(from) && t.isBefore(until)).orElse(false);
    }

    /**
     * Messages with a price above zero.
     *
     * @return the selector
     */
    static MessageSelector paid() {
        return (m, now) -> m.isPaid();
    }

    /**
     * Messages with no price.
     *
     * @return the selector
     */
    static MessageSelector free() {
        return (m, now) -> !m.isPaid();
    }

    /**
     * Messages priced from {@code min} to {@code max}, both included.
     *
     * @param min the lowest price included
     * @param max the highest price included, not below {@code min}
     * @return the selector
     * @throws IllegalArgumentException when {@code max} is below {@code min}
     */
    static MessageSelector priceBetween(Money min, Money max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max must not be below min, was " + min + " .. " + max);
        }
        return (m, now) -> m.price().compareTo(min) >= 0 && m.price().compareTo(max) <= 0;
    }

    /**
     * Messages with at least one media item of {@code type}.
     *
     * @param type the media type
     * @return the selector
     */
    static MessageSelector hasMedia(MediaType type) {
        Objects.requireNonNull(type, "type");
        return (m, now) -> m.media().has(type);
    }

    /**
     * Messages in one of the given states at {@code now}.
     *
     * @param first a state
     * @param more  further states
     * @return the selector
     */
    static MessageSelector inState(MessageState first, MessageState... more) {
        Set<MessageState> states = EnumSet.of(first, more);
        return (m, now) -> states.contains(m.stateAt(now));
    }

    /**
     * Messages with one of these ids.
     *
     * @param ids the ids, copied
     * @return the selector
     */
    static MessageSelector ids(Set<MassMessageId> ids) {
        Set<MassMessageId> copy = Set.copyOf(ids);
        return (m, now) -> copy.contains(m.id());
    }
}

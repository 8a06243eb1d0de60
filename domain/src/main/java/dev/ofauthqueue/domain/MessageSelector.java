package dev.ofauthqueue.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses messages from a queue. Selectors compose with {@link #and}, {@link #or} and {@link #negate}. Some depend on
 * the instant (a message's state does), so {@code now} is a parameter.
 */
@FunctionalInterface
public interface MessageSelector {

    boolean matches(ScheduledMassMessage message, Instant now);

    default MessageSelector and(MessageSelector other) {
        Objects.requireNonNull(other, "other");
        return (m, now) -> matches(m, now) && other.matches(m, now);
    }

    default MessageSelector or(MessageSelector other) {
        Objects.requireNonNull(other, "other");
        return (m, now) -> matches(m, now) || other.matches(m, now);
    }

    default MessageSelector negate() {
        return (m, now) -> !matches(m, now);
    }

    /** Every message. */
    static MessageSelector all() {
        return (m, now) -> true;
    }

    /** Messages whose text contains {@code fragment}, ignoring case. */
    static MessageSelector textContains(String fragment) {
        Objects.requireNonNull(fragment, "fragment");
        String needle = fragment.toLowerCase(Locale.ROOT);
        return (m, now) -> m.text().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Messages sent at or after {@code from} and before {@code until}; messages without a send time never match. */
    static MessageSelector sendTimeBetween(Instant from, Instant until) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("until must not be before from, was " + from + " .. " + until);
        }
        return (m, now) ->
                m.sendAt().map(t -> !t.isBefore(from) && t.isBefore(until)).orElse(false);
    }

    /** Messages with a price above zero. */
    static MessageSelector paid() {
        return (m, now) -> m.isPaid();
    }

    /** Messages with no price. */
    static MessageSelector free() {
        return (m, now) -> !m.isPaid();
    }

    /** Messages priced from {@code min} to {@code max}, both included. */
    static MessageSelector priceBetween(Money min, Money max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max must not be below min, was " + min + " .. " + max);
        }
        return (m, now) -> m.price().compareTo(min) >= 0 && m.price().compareTo(max) <= 0;
    }

    /** Messages with at least one media item of {@code type}. */
    static MessageSelector hasMedia(MediaType type) {
        Objects.requireNonNull(type, "type");
        return (m, now) -> m.media().has(type);
    }

    /** Messages in one of {@code states} at {@code now}. */
    static MessageSelector inState(MessageState first, MessageState... more) {
        Set<MessageState> states = EnumSet.of(first, more);
        return (m, now) -> states.contains(m.stateAt(now));
    }

    /** Messages with one of these ids. */
    static MessageSelector ids(Set<MassMessageId> ids) {
        Set<MassMessageId> copy = Set.copyOf(ids);
        return (m, now) -> copy.contains(m.id());
    }
}

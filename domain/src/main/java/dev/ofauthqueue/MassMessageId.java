package dev.ofauthqueue;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The id of a mass message (OFAuth's {@code massMessageId}, the queue item's {@code id}): a positive {@code long}.
 *
 * <pre>{@code
 * MassMessageId id = MassMessageId.parse("5003"); // a typed error for "abc", 0 or -1
 * Optional<ScheduledMassMessage> message = ofauth.messages().get(ConnectionId.of("conn_demo"), id);
 * }</pre>
 *
 * @param value the id, always positive
 */
@NullMarked
public record MassMessageId(long value) implements Comparable<MassMessageId> {

    /**
     * Checks that the id is positive.
     *
     * @param value the id, always positive
     * @throws IllegalArgumentException when it is not
     */
    public MassMessageId {
        if (value <= 0) {
            throw new IllegalArgumentException("massMessageId must be positive, was " + value);
        }
    }

    /**
     * The id {@code value}.
     *
     * @param value positive
     * @return the id
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public static MassMessageId of(long value) {
        return new MassMessageId(value);
    }

    /**
     * Parses an id as it appears in a path or a command line.
     *
     * @param text decimal digits only: no sign, no spaces, at most 19 of them
     * @return the id
     * @throws IllegalArgumentException naming the input when it is not a positive decimal {@code long}
     */
    public static MassMessageId parse(@Nullable String text) {
        if (text == null
                || text.isEmpty()
                || text.length() > 19
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("massMessageId must be a positive decimal number, was '" + text + "'");
        }
        try {
            return new MassMessageId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("massMessageId must fit in a long, was '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(MassMessageId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

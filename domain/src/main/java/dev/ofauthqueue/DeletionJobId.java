package dev.ofauthqueue;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The id of a deletion job: a positive number the job store assigns, printed as is ({@code 7}).
 *
 * <pre>{@code
 * DeletionJobId id = DeletionJobId.parse(args[0]); // "7" from the command line's "jobs show 7"
 * DeletionJobStatus status = ofauth.jobs().status(id);
 * }</pre>
 *
 * @param value the id, always positive
 */
@NullMarked
public record DeletionJobId(long value) implements Comparable<DeletionJobId> {

    /**
     * Checks that the id is positive.
     *
     * @param value the id, always positive
     * @throws IllegalArgumentException when it is not
     */
    public DeletionJobId {
        if (value <= 0) {
            throw new IllegalArgumentException("job id must be positive, was " + value);
        }
    }

    /**
     * The id {@code value}.
     *
     * @param value positive
     * @return the id
     */
    public static DeletionJobId of(long value) {
        return new DeletionJobId(value);
    }

    /**
     * Reads an id as a person types it.
     *
     * @param text decimal digits
     * @return the id
     * @throws IllegalArgumentException naming the input when it is not a positive decimal number
     */
    public static DeletionJobId parse(@Nullable String text) {
        if (text == null
                || text.isEmpty()
                || text.length() > 18
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("job id must be a positive decimal number, was '" + text + "'");
        }
        return new DeletionJobId(Long.parseLong(text));
    }

    @Override
    public int compareTo(DeletionJobId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

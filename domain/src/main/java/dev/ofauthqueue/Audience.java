package dev.ofauthqueue;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * Who a mass message goes to: user lists and users, each by id or name as OFAuth takes them ({@code userLists},
 * {@code userIds}). A queue item does not say who it was for, so re-creating one needs its audience named again.
 *
 * <pre>{@code
 * List<RestoreOutcome> restored = ofauth.jobs()
 *         .restore(RestoreDeletedCommand.of(DeletionJobId.of(7), Audience.lists(List.of("fans"))));
 * }</pre>
 *
 * @param lists user lists, by id (digits) or name
 * @param users users, by id (digits) or name
 */
@NullMarked
public record Audience(List<String> lists, List<String> users) {

    /** No audience named: OFAuth's default for the request. */
    public static final Audience UNNAMED = new Audience(List.of(), List.of());

    /** The most lists or users one audience names. */
    public static final int MAX_ENTRIES = 1_000;

    /** The longest id or name. */
    public static final int MAX_ENTRY_LENGTH = 200;

    /**
     * Checks and copies the entries.
     *
     * @param lists user lists, by id or name
     * @param users users, by id or name
     * @throws IllegalArgumentException when an entry is blank, too long, carries a control character or is named twice,
     *     or there are more than {@value #MAX_ENTRIES}
     */
    public Audience {
        lists = checked(lists, "user list");
        users = checked(users, "user");
    }

    /**
     * These user lists.
     *
     * @param lists by id or name
     * @return the audience
     */
    public static Audience lists(List<String> lists) {
        return new Audience(lists, List.of());
    }

    /**
     * Whether it names nobody.
     *
     * @return true when both are empty
     */
    public boolean isUnnamed() {
        return lists.isEmpty() && users.isEmpty();
    }

    private static List<String> checked(List<String> entries, String what) {
        Objects.requireNonNull(entries, what + "s");
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " " + what + "s, was " + entries.size());
        }
        for (String e : entries) {
            if (e == null || e.isBlank()) {
                throw new IllegalArgumentException("a " + what + " is blank");
            }
            if (e.length() > MAX_ENTRY_LENGTH) {
                throw new IllegalArgumentException("a " + what + " is longer than " + MAX_ENTRY_LENGTH + " characters");
            }
            if (e.chars().anyMatch(Character::isISOControl) || !e.equals(e.strip())) {
                throw new IllegalArgumentException("a " + what + " carries a control character or surrounding space");
            }
        }
        if (entries.stream().distinct().count() != entries.size()) {
            throw new IllegalArgumentException("a " + what + " is named twice");
        }
        return List.copyOf(entries);
    }
}

package dev.ofauthqueue;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * What restoring one deleted message came to.
 *
 * <pre>{@code
 * for (RestoreOutcome outcome : ofauth.jobs().restore(RestoreDeletedCommand.of(job, Audience.lists(lists)))) {
 *     System.out.println(outcome.original() + " " + outcome.kind() + " " + outcome.created().orElse(null));
 * }
 * }</pre>
 *
 * @param connection its connection
 * @param original   the deleted message
 * @param kind       what happened
 * @param created    the message now standing in for it, when there is one
 * @param detail     for people: why, or what to do
 */
@NullMarked
public record RestoreOutcome(
        ConnectionId connection, MassMessageId original, Kind kind, Optional<MassMessageId> created, String detail) {

    /** What happened to one deleted message. */
    public enum Kind {
        /** Created now: its POST was answered with the new message's id. */
        CREATED,
        /** Created by an earlier run: nothing was sent. */
        ALREADY_RESTORED,
        /** An earlier run's POST got no answer; the queue shows what it created, now recorded. Nothing was sent. */
        FOUND,
        /**
         * An earlier run's POST (or this one's) may have created it, and nothing shows it was: never sent again
         * automatically; look at the queue.
         */
        UNCONFIRMED,
        /** Not restored, by rule: its send date has passed and no other was given, or the job did not delete it. */
        REFUSED,
        /** Its POST was refused or never left: nothing was created, and a later run may try again. */
        FAILED
    }

    /**
     * Checks that no component is {@code null}.
     *
     * @param connection its connection
     * @param original   the deleted message
     * @param kind       what happened
     * @param created    the message standing in for it, if any
     * @param detail     why, or what to do
     */
    public RestoreOutcome {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(detail, "detail");
    }
}

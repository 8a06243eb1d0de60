package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import java.util.Objects;

/**
 * How an attempt to delete one scheduled message ended. Every attempt ends in exactly one of these; none is an
 * exception, so a bulk deletion can report them all.
 */
public sealed interface DeletionOutcome
        permits DeletionOutcome.Deleted,
                DeletionOutcome.AlreadyGone,
                DeletionOutcome.Refused,
                DeletionOutcome.Failed,
                DeletionOutcome.Unconfirmed {

    /** The outcomes as an enum, for counting and switching. */
    enum Kind {
        DELETED,
        ALREADY_GONE,
        REFUSED,
        FAILED,
        UNCONFIRMED
    }

    MassMessageId id();

    Kind kind();

    /** True for {@link Deleted} and {@link AlreadyGone}: the message is not in the queue any more. */
    default boolean isGone() {
        return kind() == Kind.DELETED || kind() == Kind.ALREADY_GONE;
    }

    /**
     * This call deleted the message.
     *
     * @param message the message as the API returned it after deleting it (canceled); when the deletion was
     *                confirmed by reading the message again after an unanswered request, as read then
     */
    record Deleted(MassMessageId id, ScheduledMassMessage message) implements DeletionOutcome {
        public Deleted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.DELETED;
        }
    }

    /** The message was already deleted, or never existed for this connection. Deleting is idempotent: a success. */
    record AlreadyGone(MassMessageId id) implements DeletionOutcome {
        public AlreadyGone {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Kind kind() {
            return Kind.ALREADY_GONE;
        }
    }

    /**
     * The deletion policy refused: no delete request was sent.
     *
     * @param decision the reason and the refusing rule
     */
    record Refused(MassMessageId id, DeletionDecision.Refused decision) implements DeletionOutcome {
        public Refused {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(decision, "decision");
        }

        @Override
        public Kind kind() {
            return Kind.REFUSED;
        }
    }

    /**
     * A technical failure: the message was not deleted (or, after an unanswered request, reading it again showed it
     * still scheduled).
     *
     * @param cause the port's failure, typed by the adapter
     */
    record Failed(MassMessageId id, Throwable cause) implements DeletionOutcome {
        public Failed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    /**
     * The delete request went out, no answer came, and reading the message again failed too: it may or may not be
     * deleted. Check again later.
     *
     * @param cause why the request went unanswered
     */
    record Unconfirmed(MassMessageId id, Throwable cause) implements DeletionOutcome {
        public Unconfirmed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public Kind kind() {
            return Kind.UNCONFIRMED;
        }
    }
}

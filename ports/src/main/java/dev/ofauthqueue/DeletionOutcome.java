package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionDecision;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * How an attempt to delete one scheduled message ended. Every attempt ends in exactly one of these; none is an
 * exception, so a bulk deletion can report them all.
 *
 * <pre>{@code
 * DeletionOutcome outcome = ofauth.messages().delete(ConnectionId.of("conn_demo"), 5003);
 * switch (outcome.kind()) {
 *     case DELETED, ALREADY_GONE -> System.out.println("gone");
 *     case REFUSED -> System.out.println("kept: " + ((DeletionOutcome.Refused) outcome).decision().reason());
 *     case FAILED, UNCONFIRMED -> System.out.println("look again: " + outcome);
 * }
 * }</pre>
 */
@NullMarked
public sealed interface DeletionOutcome
        permits DeletionOutcome.Deleted,
                DeletionOutcome.AlreadyGone,
                DeletionOutcome.Refused,
                DeletionOutcome.Failed,
                DeletionOutcome.Unconfirmed {

    /** The outcomes as an enum, for counting and switching. */
    enum Kind {
        /**
         * {@link Deleted}.
         */
        DELETED,
        /**
         * {@link AlreadyGone}.
         */
        ALREADY_GONE,
        /**
         * {@link Refused}.
         */
        REFUSED,
        /**
         * {@link Failed}.
         */
        FAILED,
        /**
         * {@link Unconfirmed}.
         */
        UNCONFIRMED
    }

    /**
     * The message this outcome is about.
     *
     * @return its id
     */
    MassMessageId id();

    /**
     * The outcome as an enum.
     *
     * @return the kind matching this record's type
     */
    Kind kind();

    /**
     * Whether the message is not in the queue any more.
     *
     * @return {@code true} for {@link Deleted} and {@link AlreadyGone}
     */
    default boolean isGone() {
        return kind() == Kind.DELETED || kind() == Kind.ALREADY_GONE;
    }

    /**
     * This call deleted the message.
     *
     * @param id      the message
     * @param message the message as the API returned it after deleting it (canceled); when the deletion was
     *                confirmed by reading the message again after an unanswered request, as read then
     */
    record Deleted(MassMessageId id, ScheduledMassMessage message) implements DeletionOutcome {
        /**
         * Checks that no component is {@code null}.
         *
         * @param id      the message
         * @param message the message as the API returned it after deleting it (canceled); when the deletion was confirmed by reading the message again after an unanswered request, as read then
         * @throws NullPointerException when one is
         */
        public Deleted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.DELETED;
        }
    }

    /**
     * The message was already deleted, or never existed for this connection. Deleting is idempotent: a success.
     *
     * @param id the message
     */
    record AlreadyGone(MassMessageId id) implements DeletionOutcome {
        /**
         * Checks that no component is {@code null}.
         *
         * @param id the message
         * @throws NullPointerException when one is
         */
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
     * @param id       the message
     * @param decision the reason and the refusing rule
     */
    record Refused(MassMessageId id, DeletionDecision.Refused decision) implements DeletionOutcome {
        /**
         * Checks that no component is {@code null}.
         *
         * @param id       the message
         * @param decision the reason and the refusing rule
         * @throws NullPointerException when one is
         */
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
     * @param id    the message
     * @param step  what the deletion was doing when it failed
     * @param cause the port's failure, typed by the adapter
     */
    record Failed(MassMessageId id, Step step, Throwable cause) implements DeletionOutcome {
        /**
         * Checks that no component is {@code null}.
         *
         * @param id    the message
         * @param step  what the deletion was doing when it failed
         * @param cause the port's failure, typed by the adapter
         * @throws NullPointerException when one is
         */
        public Failed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }

        /**
         * For people: which message, during which step, and the cause's message, for example {@code "could not
         * delete message 5001: failed while reading it before deleting it: could not connect to 127.0.0.1:1"}.
         *
         * @return one line
         */
        public String describe() {
            return "could not delete message " + id + ": failed " + step.description() + ": " + cause.getMessage();
        }

        /** What a deletion was doing when it failed. */
        public enum Step {
            /** Reading the message to evaluate the deletion policy; no delete request was sent. */
            READING_BEFORE_DELETE("while reading it before deleting it"),
            /** Sending the delete request, which OFAuth answered with an error or which left the message scheduled. */
            DELETING("while deleting it");

            private final String description;

            Step(String description) {
                this.description = description;
            }

            /**
             * The step in words, as {@link Failed#describe()} uses it.
             *
             * @return for example {@code "while reading it before deleting it"}
             */
            public String description() {
                return description;
            }
        }
    }

    /**
     * The delete request went out, no answer came, and reading the message again failed too: it may or may not be
     * deleted. Check again later.
     *
     * @param id    the message
     * @param cause why the request went unanswered
     */
    record Unconfirmed(MassMessageId id, Throwable cause) implements DeletionOutcome {
        /**
         * Checks that no component is {@code null}.
         *
         * @param id    the message
         * @param cause why the request went unanswered
         * @throws NullPointerException when one is
         */
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

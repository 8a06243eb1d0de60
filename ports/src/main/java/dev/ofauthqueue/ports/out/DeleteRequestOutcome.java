package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ScheduledMassMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * What a delete request to OFAuth achieved, decided once by the port from the whole exchange (every attempt of the
 * request). Technical failures (rejections other than a 400, network errors before anything could have reached OFAuth,
 * bad answers to other calls) are not here: they fail the returned stage with an {@link OfAuthException}.
 *
 * <p>Callers take an answer apart with {@link #match}: one method per kind, so that a new kind is a compile error in
 * every caller rather than a case silently left out.
 */
public sealed interface DeleteRequestOutcome
        permits DeleteRequestOutcome.Deleted,
                DeleteRequestOutcome.NotFound,
                DeleteRequestOutcome.NotFoundOnRetry,
                DeleteRequestOutcome.RefusedByOfAuth,
                DeleteRequestOutcome.Unconfirmed,
                DeleteRequestOutcome.Withheld {

    /**
     * What a caller does with each kind of answer.
     *
     * @param <R> what it makes of it
     */
    interface Cases<R> {
        /**
         * OFAuth confirmed the deletion.
         *
         * @param answer the answer
         * @return what the caller makes of it
         */
        R deleted(Deleted answer);

        /**
         * OFAuth did not know the message.
         *
         * @param answer the answer
         * @return what the caller makes of it
         */
        R notFound(NotFound answer);

        /**
         * OFAuth did not know the message on a retry.
         *
         * @param answer the answer
         * @return what the caller makes of it
         */
        R notFoundOnRetry(NotFoundOnRetry answer);

        /**
         * OFAuth refused with a 400.
         *
         * @param answer the answer
         * @return what the caller makes of it
         */
        R refusedByOfAuth(RefusedByOfAuth answer);

        /**
         * No readable answer came.
         *
         * @param answer the answer
         * @return what the caller makes of it
         */
        R unconfirmed(Unconfirmed answer);

        /**
         * The caller's permit withheld an attempt.
         *
         * @param answer the answer
         * @return what the caller makes of it
         */
        R withheld(Withheld answer);
    }

    /**
     * Hands this answer to the method of {@code cases} for its kind.
     *
     * @param cases what to do with each kind
     * @param <R>   what the caller makes of it
     * @return what the method answered
     */
    <R> R match(Cases<R> cases);

    /**
     * OFAuth confirmed the deletion.
     *
     * @param message  the queue item as OFAuth returned it (canceled)
     * @param rawQueue the {@code queue} object of the answer, JSON text as received, for deletion jobs to archive;
     *     empty when the port has no wire form (an in-memory port)
     */
    record Deleted(ScheduledMassMessage message, Optional<String> rawQueue) implements DeleteRequestOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.deleted(this);
        }

        /**
         * A confirmed deletion.
         *
         * @param message  the queue item as OFAuth returned it (canceled)
         * @param rawQueue the {@code queue} object of the answer, JSON text as received; empty when the port has no
         *     wire form
         */
        public Deleted {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(rawQueue, "rawQueue");
        }

        /**
         * A confirmed deletion without the answer's wire form.
         *
         * @param message the queue item as OFAuth returned it (canceled)
         */
        public Deleted(ScheduledMassMessage message) {
            this(message, Optional.empty());
        }
    }

    /**
     * OFAuth does not know the message (404 {@code RESOURCE_NOT_FOUND}) and no earlier attempt of this request can
     * have deleted it: it never existed, was deleted before, or is another connection's.
     */
    record NotFound() implements DeleteRequestOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.notFound(this);
        }
    }

    /**
     * OFAuth answered 404 {@code RESOURCE_NOT_FOUND} to a retry, after an earlier attempt of this same request may
     * have reached it (it went unanswered, or a gateway answered 502, 503 or 504). Most likely that earlier attempt
     * deleted the message: it is gone either way, and whoever needs to know who deleted it (a deletion job keeping
     * an archive) counts it as deleted by this request.
     */
    record NotFoundOnRetry() implements DeleteRequestOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.notFoundOnRetry(this);
        }
    }

    /**
     * OFAuth refused to delete the message with a 400 (for example because it is being sent). Not a failure: OFAuth
     * is the final judge of what may be deleted, and this is its judgement.
     *
     * @param status    the HTTP status, 400
     * @param detail    OFAuth's text
     * @param type      OFAuth's error type, if any
     * @param requestId OFAuth's request id, if any
     */
    record RefusedByOfAuth(int status, String detail, Optional<String> type, Optional<String> requestId)
            implements DeleteRequestOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.refusedByOfAuth(this);
        }

        /**
         * A refusal.
         *
         * @param status    the HTTP status, 400
         * @param detail    OFAuth's text
         * @param type      OFAuth's error type, if any
         * @param requestId OFAuth's request id, if any
         */
        public RefusedByOfAuth {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /**
     * The request may or may not have taken effect: it may have reached OFAuth, and no readable answer came (a
     * timeout or a broken connection after sending, a 2xx body that is not the expected JSON, or the deadline passing
     * before a retry). Read the message again to learn.
     *
     * @param cause what ended the wait
     */
    record Unconfirmed(Throwable cause) implements DeleteRequestOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.unconfirmed(this);
        }

        /**
         * An unconfirmed deletion.
         *
         * @param cause what ended the wait
         */
        public Unconfirmed {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The caller's {@link SendPermit} withheld an attempt (its lease on the item ran short): nothing more was sent.
     *
     * @param earlierAttemptMayHaveBeenCarriedOut whether an attempt made before may have reached OFAuth (then the
     *     message may be gone; whoever holds the item now settles it by reading)
     */
    record Withheld(boolean earlierAttemptMayHaveBeenCarriedOut) implements DeleteRequestOutcome {
        @Override
        public <R> R match(Cases<R> cases) {
            return cases.withheld(this);
        }
    }
}

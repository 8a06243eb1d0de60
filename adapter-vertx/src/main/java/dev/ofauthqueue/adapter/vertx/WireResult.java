package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.ports.out.OfAuthException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a request ended on the wire after every attempt: the last answer, no answer, or an attempt the caller's permit
 * withheld. It also says whether an earlier
 * attempt of the same request may have been carried out by OFAuth, which only the whole exchange knows. Meaning is
 * given to it in one place, {@link WireResultInterpreter}.
 */
sealed interface WireResult permits WireResult.Answered, WireResult.Unanswered, WireResult.Withheld {

    /** The attempt that ended the exchange, 1 for the first; 0 when none was sent. */
    int attempt();

    /** From sending the last attempt to its end. */
    Duration latency();

    /** Whether an attempt before the last one may have been carried out (it went unanswered, or a gateway answered). */
    boolean earlierAttemptMayHaveBeenCarriedOut();

    /**
     * OFAuth (or something in front of it) answered.
     *
     * @param status      the HTTP status
     * @param body        the body as text, empty when none
     * @param contentType the {@code Content-Type} header, if any
     * @param requestId   the {@code X-Request-Id} header, if any
     * @param waitHint    what {@code Retry-After} or {@code X-RateLimit-Reset} asked, if anything
     */
    record Answered(
            int status,
            String body,
            @Nullable String contentType,
            @Nullable String requestId,
            Optional<Duration> waitHint,
            int attempt,
            Duration latency,
            boolean earlierAttemptMayHaveBeenCarriedOut)
            implements WireResult {}

    /**
     * No answer came: the last attempt failed on the wire, or the call gave up before it could send another (its
     * deadline passed, or the client-side rate limiter had no token in time).
     *
     * @param cause                    what ended it: {@link OfAuthException.Transport} or
     *                                 {@link OfAuthException.RateLimited}
     * @param lastAttemptMayHaveReached whether the last attempt itself may have reached OFAuth
     */
    record Unanswered(
            OfAuthException cause,
            boolean lastAttemptMayHaveReached,
            int attempt,
            Duration latency,
            boolean earlierAttemptMayHaveBeenCarriedOut)
            implements WireResult {

        /** Whether any attempt of the request may have been carried out. */
        boolean anyAttemptMayHaveBeenCarriedOut() {
            return lastAttemptMayHaveReached || earlierAttemptMayHaveBeenCarriedOut;
        }
    }

    /**
     * The caller's permit withheld the next attempt: nothing more was sent.
     *
     * @param attempt                             the last attempt sent, 0 when none was
     * @param earlierAttemptMayHaveBeenCarriedOut whether an attempt sent may have been carried out
     */
    record Withheld(int attempt, boolean earlierAttemptMayHaveBeenCarriedOut) implements WireResult {
        @Override
        public Duration latency() {
            return Duration.ZERO;
        }
    }
}

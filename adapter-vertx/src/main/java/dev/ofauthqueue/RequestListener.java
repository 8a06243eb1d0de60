package dev.ofauthqueue;

import java.time.Duration;
import java.util.Optional;

/**
 * Hears every HTTP attempt the client makes, for metrics or tracing without a metrics dependency. Called on a
 * Vert.x thread: keep it quick and never block. Exceptions thrown here are logged and ignored.
 *
 * <pre>{@code
 * try (OfAuthQueue ofauth = OfAuthQueue.builder(options)
 *         .listener(attempt -> System.out.println(attempt.method() + " " + attempt.route() + " " + attempt.status()))
 *         .build()) {
 *     ofauth.messages().list(ConnectionId.of("conn_demo")); // GET /v2/access/mass-messages/scheduled 200, ...
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RequestListener {

    /** A listener that does nothing. */
    RequestListener NONE = event -> {};

    /**
     * Hears one attempt, after its answer (or failure).
     *
     * @param event what happened
     */
    void onAttempt(Attempt event);

    /**
     * Hears an attempt as it is sent, for tracing that needs its start; what it answers hears how that attempt ended,
     * once. By default, nothing at the start and {@link #onAttempt} at the end. An ending that follows no new attempt
     * (the call gave up before sending another) goes to {@link #onAttempt} directly.
     *
     * @param start the attempt being sent
     * @return told of the attempt's end
     */
    default AttemptEnd attemptStarted(AttemptStart start) {
        return this::onAttempt;
    }

    /**
     * An attempt being sent. No secret is here: the route is the template, the connection is not.
     *
     * @param method  GET, POST, PUT or DELETE
     * @param route   the path template
     * @param attempt 1 for the first try
     */
    record AttemptStart(String method, String route, int attempt) {}

    /** Hears how one started attempt ended. */
    @FunctionalInterface
    interface AttemptEnd {
        /**
         * Hears the attempt's end.
         *
         * @param event what happened
         */
        void ended(Attempt event);

        /**
         * Hears that the attempt was not sent after all: its time ran out before the request could be written (a
         * deletion job's lease ran short). No {@link #ended} follows. By default, nothing.
         */
        default void notSent() {}
    }

    /**
     * One HTTP attempt. No secret is here: the route is the template ({@code /v2/access/mass-messages/{id}}).
     *
     * @param method    GET, POST, PUT or DELETE
     * @param route     the path template
     * @param attempt   1 for the first try
     * @param status    the HTTP status, 0 when no answer came
     * @param latency   from sending to the answer (or the failure)
     * @param requestId OFAuth's request id, when answered
     * @param outcome   what the attempt led to
     * @param errorType OFAuth's error {@code type} when it answered one (such as {@code RATE_LIMIT_EXCEEDED}), or the
     *     kind of transport failure when no answer came ({@code TIMEOUT}, {@code CONNECT}, ...)
     */
    record Attempt(
            String method,
            String route,
            int attempt,
            int status,
            Duration latency,
            Optional<String> requestId,
            Outcome outcome,
            Optional<String> errorType) {}

    /** What an attempt led to. */
    enum Outcome {
        /** A success was answered and read. */
        SUCCEEDED,
        /** OFAuth answered 404 {@code RESOURCE_NOT_FOUND} where the call takes absence as its answer. */
        ABSENT,
        /** OFAuth refused a DELETE with a 400: its judgement, which the call takes as its answer. */
        REFUSED,
        /** The attempt will be followed by another. */
        RETRYING,
        /** A delete may have been carried out, and no readable answer came: the caller reads the message again. */
        UNCONFIRMED,
        /** The call failed; the stage fails with an {@code OfAuthException}. */
        FAILED,
        /** The caller's permit withheld the next attempt (a deletion job's lease ran short): nothing more was sent. */
        WITHHELD
    }
}

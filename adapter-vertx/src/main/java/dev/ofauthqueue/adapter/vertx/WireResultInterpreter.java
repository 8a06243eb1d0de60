package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one place that turns how a request ended ({@link WireResult}) into exactly one typed result or one
 * {@link OfAuthException}, as the call {@link AnswerExpectation expects}. Here, and only here, is decided what a status means
 * (a 404 is absence only when OFAuth says {@code RESOURCE_NOT_FOUND} and the call accepts absence; a 400 answering a
 * DELETE is OFAuth's refusal, not a failure) and whether a
 * request that went unanswered, or answered unreadably, ends unconfirmed rather than failed.
 */
final class WireResultInterpreter {

    /** OFAuth's type for an unknown message; any other 404 (an unknown route, a proxy's page) is an error. */
    static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";

    private WireResultInterpreter() {}

    /**
     * The result and how the call ended, for the log and the listener.
     *
     * @param envelope what an error answer said (absence included), for the log
     */
    record Reading<T>(T value, RequestListener.Outcome outcome, Optional<ErrorEnvelope> envelope) {}

    /**
     * Interprets the exchange.
     *
     * @throws OfAuthException when the exchange is a failure for this call
     */
    static <T> Reading<T> interpret(OfAuthRequest request, WireResult exchange, AnswerExpectation<T> expected) {
        Function<OfAuthException, T> unconfirmed = expected.unconfirmed();
        if (exchange instanceof WireResult.Withheld withheld) {
            AnswerExpectation.Absence<T> meaning = expected.withheld();
            if (meaning == null) {
                throw new IllegalStateException(request.describe() + " was withheld, but it takes no permit");
            }
            return new Reading<>(
                    meaning.absent(withheld.earlierAttemptMayHaveBeenCarriedOut()),
                    RequestListener.Outcome.WITHHELD,
                    Optional.empty());
        }
        if (exchange instanceof WireResult.Unanswered none) {
            if (unconfirmed != null && none.anyAttemptMayHaveBeenCarriedOut()) {
                return new Reading<>(
                        unconfirmed.apply(none.cause()), RequestListener.Outcome.UNCONFIRMED, Optional.empty());
            }
            throw none.cause();
        }
        WireResult.Answered answer = (WireResult.Answered) exchange;
        int status = answer.status();
        if (status >= 200 && status < 300) {
            try {
                return new Reading<>(
                        decode(request, answer, expected), RequestListener.Outcome.SUCCEEDED, Optional.empty());
            } catch (OfAuthException.Decoding unreadable) {
                if (unconfirmed != null) {
                    // OFAuth said yes in a body we cannot read: it most likely happened. A failure would be a silent
                    // wrong answer, so the caller learns it is unconfirmed and can read the message again.
                    return new Reading<>(
                            unconfirmed.apply(unreadable), RequestListener.Outcome.UNCONFIRMED, Optional.empty());
                }
                throw unreadable;
            }
        }
        ErrorEnvelope envelope = ErrorEnvelope.read(answer.body(), answer.contentType(), answer.requestId());
        AnswerExpectation.Absence<T> absence = expected.absence();
        if (status == 404 && RESOURCE_NOT_FOUND.equals(envelope.type()) && absence != null) {
            return new Reading<>(
                    absence.absent(answer.earlierAttemptMayHaveBeenCarriedOut()),
                    RequestListener.Outcome.ABSENT,
                    Optional.of(envelope));
        }
        AnswerExpectation.Refusal<T> refusal = expected.refusal();
        if (status == 400 && refusal != null) {
            return new Reading<>(
                    refusal.refused(status, envelope), RequestListener.Outcome.REFUSED, Optional.of(envelope));
        }
        OfAuthException failure = failure(request.describe() + " failed: " + envelope.message(), answer, envelope);
        if (unconfirmed != null && answer.earlierAttemptMayHaveBeenCarriedOut()) {
            // An earlier attempt may have deleted it: this failure (a 429, a 401 on the retry) says nothing of that
            // one.
            return new Reading<>(
                    unconfirmed.apply(failure), RequestListener.Outcome.UNCONFIRMED, Optional.of(envelope));
        }
        throw failure;
    }

    private static <T> T decode(OfAuthRequest request, WireResult.Answered answer, AnswerExpectation<T> expected) {
        if (!isJson(answer.contentType())) {
            throw new OfAuthException.Decoding(
                    request.describe() + ": answer is not JSON (Content-Type " + answer.contentType() + ")",
                    answer.status(),
                    answer.requestId(),
                    null);
        }
        return expected.decode(answer);
    }

    private static OfAuthException failure(String message, WireResult.Answered answer, ErrorEnvelope e) {
        int status = answer.status();
        if (status == 401) {
            return new OfAuthException.Authentication(message, status, e.type(), e.requestId(), e.actionRequired());
        }
        if (status == 403) {
            return new OfAuthException.Permission(message, status, e.type(), e.requestId());
        }
        if (status == 404) {
            return new OfAuthException.NotFound(message, status, e.type(), e.requestId());
        }
        if (status == 429) {
            return new OfAuthException.RateLimited(
                    message, status, e.type(), e.requestId(), answer.waitHint().orElse(null));
        }
        if (status >= 500) {
            return new OfAuthException.Server(message, status, e.type(), e.requestId());
        }
        return new OfAuthException.BadRequest(message, status, e.type(), e.requestId());
    }

    private static boolean isJson(@Nullable String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}

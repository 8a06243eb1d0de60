package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.ports.out.AttemptListener;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.SendPermit;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link OfAuthRequest} as one or more HTTP attempts: a token from the per-connection rate limiter, a
 * per-attempt timeout, retries as {@link RetryDecisions} allow within the overall deadline, then the whole
 * {@link WireResult} to {@link WireResultInterpreter}. Logs and tells the listener of every attempt. Secrets go into
 * headers only; nothing here logs or throws them.
 */
final class RequestSender {

    private static final Logger LOG = LoggerFactory.getLogger(VertxOfAuthClient.class);

    /**
     * The largest answer turned into text and decoded on the event loop (a page of 20 messages is well under it, and
     * takes well under a millisecond); a larger one is decoded on a worker.
     */
    static final int DECODED_ON_THE_LOOP = 64 * 1024;

    private final HttpClient client;
    /**
     * The one event loop every request is made on: its connections live there, and an answer's body is read in the
     * same turn that delivers the answer (a callback on another thread could miss it).
     */
    private final Context context;

    private final OfAuthClientOptions options;
    private final Timers delays;
    private final Clock wallClock;
    private final DoubleSupplier jitter;
    private final RequestListener listener;
    /** Whether the listener hears attempts as they start: only then is anything made for it before the send. */
    private final boolean tracesAttempts;

    private final Optional<RateBudget> limiter;
    /** {@code host:port} of the base URL, named when a connection cannot be made. */
    private final String target;

    RequestSender(
            HttpClient client,
            Context context,
            OfAuthClientOptions options,
            Timers delays,
            Clock wallClock,
            DoubleSupplier jitter,
            RequestListener listener,
            Optional<RateBudget> limiter) {
        this.client = client;
        this.context = context;
        this.options = options;
        this.delays = delays;
        this.wallClock = wallClock;
        this.jitter = jitter;
        this.listener = listener;
        this.tracesAttempts = hearsAttemptStarts(listener);
        this.limiter = limiter;
        this.target = hostAndPort(options.baseUrl());
    }

    /** The budget every attempt takes its token from; shared with deletion jobs. */
    RateBudget budget() {
        return limiter.<RateBudget>map(l -> l).orElse(RateBudget.unlimited());
    }

    /**
     * One request in flight: what it expects, who permits each attempt, when it must end, where its result goes, and
     * the attempt a listener of starts was told of and not yet of its end.
     */
    private static final class Call<T> {
        private final OfAuthRequest request;
        private final AnswerExpectation<T> expected;
        private final SendPermit permit;
        private final AttemptListener heard;
        private final long deadlineNanos;
        private final CompletableFuture<T> result;
        // Attempts of one call follow one another: each is set before its send and taken once at its end.
        private volatile RequestListener.@Nullable AttemptEnd attemptInFlight;

        Call(
                OfAuthRequest request,
                AnswerExpectation<T> expected,
                SendPermit permit,
                AttemptListener heard,
                long deadlineNanos,
                CompletableFuture<T> result) {
            this.request = request;
            this.expected = expected;
            this.permit = permit;
            this.heard = heard;
            this.deadlineNanos = deadlineNanos;
            this.result = result;
        }

        OfAuthRequest request() {
            return request;
        }

        AnswerExpectation<T> expected() {
            return expected;
        }

        SendPermit permit() {
            return permit;
        }

        AttemptListener heard() {
            return heard;
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        CompletableFuture<T> result() {
            return result;
        }

        RequestListener.@Nullable AttemptEnd takeAttemptInFlight() {
            RequestListener.AttemptEnd taken = attemptInFlight;
            attemptInFlight = null;
            return taken;
        }
    }

    <T> CompletionStage<T> send(OfAuthRequest request, AnswerExpectation<T> expected) {
        return send(request, expected, SendPermit.ALWAYS, AttemptListener.NONE);
    }

    /**
     * Sends a request whose every attempt {@code permit} must allow first, and which gives up on an attempt after the
     * time the permit granted it; {@code heard} is told of each attempt that was sent as it ends.
     */
    <T> CompletionStage<T> send(
            OfAuthRequest request, AnswerExpectation<T> expected, SendPermit permit, AttemptListener heard) {
        Call<T> call = new Call<>(
                request,
                expected,
                permit,
                heard,
                delays.nanoTime() + options.deadline().toNanos(),
                new CompletableFuture<>());
        attempt(call, 1, false);
        return call.result();
    }

    private <T> void attempt(Call<T> call, int attempt, boolean earlierMayHaveBeenCarriedOut) {
        boolean prepaid = attempt == 1 && call.request().pacing() == OfAuthRequest.Pacing.CALLER;
        CompletionStage<Void> turn = prepaid
                ? CompletableFuture.completedFuture(null)
                : limiter.map(l -> l.take(
                                call.request().connection(),
                                Duration.ofNanos(Math.max(0, call.deadlineNanos() - delays.nanoTime()))))
                        .orElse(CompletableFuture.completedFuture(null));
        turn.whenComplete((ok, limited) -> {
            if (limited != null) {
                finish(call, unanswered(unwrap(limited), attempt - 1, earlierMayHaveBeenCarriedOut));
                return;
            }
            long remaining = call.deadlineNanos() - delays.nanoTime();
            if (remaining <= 0) {
                OfAuthException late = new OfAuthException.Transport(
                        call.request().describe() + ": the deadline of " + options.deadline() + " passed",
                        OfAuthException.Transport.Kind.TIMEOUT,
                        null);
                finish(call, unanswered(late, attempt - 1, earlierMayHaveBeenCarriedOut));
                return;
            }
            long wantedMs = Math.max(
                    1, Math.min(options.requestTimeout().toMillis(), TimeUnit.NANOSECONDS.toMillis(remaining)));
            long askedAt = delays.nanoTime();
            call.permit().attemptLimit(Duration.ofMillis(wantedMs)).whenComplete((limit, refused) -> {
                long timeoutMs = refused != null || limit == null ? 0 : Math.min(wantedMs, limit.toMillis());
                if (timeoutMs <= 0) {
                    finish(call, new WireResult.Withheld(attempt - 1, earlierMayHaveBeenCarriedOut));
                    return;
                }
                // The attempt's time counts from when its permit was asked: a process paused after the grant, or a
                // connection ready only after the attempt was given up, must not write the request then.
                long writeBy = askedAt + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
                long started = delays.nanoTime();
                if (tracesAttempts) {
                    call.attemptInFlight = attemptStarted(call.request(), attempt);
                }
                send(call.request(), timeoutMs, writeBy).onComplete(done -> {
                    Duration latency = Duration.ofNanos(delays.nanoTime() - started);
                    if (!(done.cause() instanceof NotWrittenInTime)) {
                        attemptEnded(call.heard(), attempt, latency);
                    }
                    if (done.succeeded() && done.result().body().length() <= DECODED_ON_THE_LOOP) {
                        answered(call, attempt, earlierMayHaveBeenCarriedOut, done.result(), latency);
                    } else if (done.succeeded()) {
                        // A large answer becomes text and objects on a worker: the event loop serves every other
                        // connection meanwhile. A bug there still completes the call.
                        Received large = done.result();
                        context.executeBlocking(
                                        () -> {
                                            answered(call, attempt, earlierMayHaveBeenCarriedOut, large, latency);
                                            return null;
                                        },
                                        false)
                                .onFailure(bug -> call.result().completeExceptionally(bug));
                    } else if (done.cause() instanceof NotWrittenInTime && call.permit() != SendPermit.ALWAYS) {
                        finish(call, new WireResult.Withheld(attempt - 1, earlierMayHaveBeenCarriedOut));
                    } else if (done.cause() instanceof AnswerTooLarge big) {
                        // Answered, unreadably: never retried (the same answer would come again); a DELETE that got
                        // it may have been carried out.
                        OfAuthException.Decoding unreadable = new OfAuthException.Decoding(
                                call.request().describe() + ": the answer is larger than the limit of "
                                        + options.maxAnswerBytes() + " bytes (maxAnswerBytes); it was not read",
                                big.status,
                                null,
                                null);
                        finish(
                                call,
                                new WireResult.Unanswered(
                                        unreadable,
                                        big.status >= 200 && big.status < 300,
                                        attempt,
                                        latency,
                                        earlierMayHaveBeenCarriedOut));
                    } else {
                        failed(call, attempt, earlierMayHaveBeenCarriedOut, done.cause(), timeoutMs, latency);
                    }
                });
            });
        });
    }

    /** Tells the call's listener how an attempt took; a listener that throws changes nothing of the call. */
    private static void attemptEnded(AttemptListener heard, int attempt, Duration took) {
        try {
            heard.attemptEnded(attempt, took);
        } catch (RuntimeException ignored) {
            // What hears the attempt never changes it.
        }
    }

    /**
     * One attempt on the wire. The request is written only if {@code writeByNanos} has not passed once a connection is
     * ready, read on the monotonic clock just before the write, on the connection's own event loop; otherwise it is
     * reset unsent and the attempt fails with {@link NotWrittenInTime}. That is as close to the wire as a client can
     * check: OFAuth takes no fencing token.
     */
    private Future<Received> send(OfAuthRequest request, long timeoutMs, long writeByNanos) {
        RequestOptions http = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(options.baseUrl() + request.path())
                .setFollowRedirects(false)
                .setConnectTimeout(options.connectTimeout().toMillis())
                .setIdleTimeout(timeoutMs)
                .putHeader("apiKey", options.apiKey().value())
                .putHeader("x-connection-id", request.connection().value())
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", options.userAgent());
        String body = request.body();
        if (body != null) {
            http.putHeader("Content-Type", "application/json");
        }
        Promise<Received> received = Promise.promise();
        context.runOnContext(onLoop -> connect(http)
                .compose(ready -> write(ready, body, writeByNanos))
                .compose(this::readBounded)
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onComplete(received));
        return received.future();
    }

    /**
     * Asks for a connection; a client that throws (for a request it cannot start) fails it rather than hangs. Whatever
     * fails here failed before a byte of the request was written: {@link NotConnected}.
     */
    private Future<HttpClientRequest> connect(RequestOptions http) {
        Future<HttpClientRequest> asked;
        try {
            asked = client.request(http);
        } catch (RuntimeException e) {
            asked = Future.failedFuture(e);
        }
        return asked.recover(cause -> Future.failedFuture(new NotConnected(cause)));
    }

    /** No connection was had for the request, so none of it was written. */
    static final class NotConnected extends Exception {
        private static final long serialVersionUID = 1L;

        NotConnected(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private Future<HttpClientResponse> write(HttpClientRequest ready, @Nullable String body, long writeByNanos) {
        if (delays.nanoTime() >= writeByNanos) {
            Future<Void> unused = ready.reset();
            return Future.failedFuture(new NotWrittenInTime());
        }
        return body == null ? ready.send() : ready.send(Buffer.buffer(body));
    }

    /**
     * Reads the answer's body up to {@link OfAuthClientOptions#maxAnswerBytes()}: past it (or when its
     * {@code Content-Length} says it will be) reading stops, the connection is reset and the attempt fails with
     * {@link AnswerTooLarge}, so an endless or huge answer costs at most the limit in memory.
     */
    private Future<Received> readBounded(HttpClientResponse response) {
        long limit = options.maxAnswerBytes();
        int status = response.statusCode();
        String declared = response.getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > limit) {
            Future<Void> unused = response.request().reset();
            return Future.failedFuture(new AnswerTooLarge(status));
        }
        Promise<Received> read = Promise.promise();
        Buffer body = Buffer.buffer();
        response.exceptionHandler(read::tryFail);
        response.handler(chunk -> {
            if (read.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                read.tryFail(new AnswerTooLarge(status));
                Future<Void> unused = response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(end -> read.tryComplete(new Received(
                status,
                body,
                response.getHeader("Content-Type"),
                ServerTokens.token(response.getHeader("X-Request-Id"), ServerTokens.MAX_REQUEST_ID),
                response.getHeader("Retry-After"),
                response.getHeader("X-RateLimit-Reset"))));
        return read.future();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException notANumber) {
            return -1; // read as it comes, within the limit
        }
    }

    /**
     * An answer read whole: its status, body and the headers the client reads, taken on the event loop so that the rest
     * may run on a worker.
     */
    private record Received(
            int statusCode,
            Buffer body,
            @Nullable String contentType,
            @Nullable String requestId,
            @Nullable String retryAfter,
            @Nullable String rateLimitReset) {}

    /** The answer's body passed {@link OfAuthClientOptions#maxAnswerBytes()}: not read further. */
    private static final class AnswerTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        AnswerTooLarge(int status) {
            super("the answer is larger than the limit", null, false, false);
            this.status = status;
        }
    }

    /**
     * The attempt's time (its permit's) ran out before a connection was ready to write it: nothing was sent. A
     * connect failure for a caller without a permit; the permit withheld the attempt for a caller with one.
     */
    private static final class NotWrittenInTime extends ConnectException {
        private static final long serialVersionUID = 1L;

        NotWrittenInTime() {
            super("no connection was ready to write the request in its time");
        }
    }

    private <T> void answered(Call<T> call, int attempt, boolean earlier, Received response, Duration latency) {
        int status = response.statusCode();
        WireResult.Answered answer = new WireResult.Answered(
                status,
                response.body().toString(),
                response.contentType(),
                response.requestId(),
                WaitHints.read(status, response.retryAfter(), response.rateLimitReset(), wallClock.instant()),
                attempt,
                latency,
                earlier);
        if (status == 429) {
            answer.waitHint()
                    .ifPresent(wait ->
                            limiter.ifPresent(l -> l.backOff(call.request().connection(), wait)));
        }
        boolean callerHandles429 = status == 429 && call.request().pacing() == OfAuthRequest.Pacing.CALLER;
        Optional<Duration> retryIn = RetryDecisions.retryable(call.request().method(), status) && !callerHandles429
                ? delayBeforeRetry(call, attempt, answer.waitHint())
                : Optional.empty();
        if (retryIn.isPresent()) {
            report(call, attempt, status, null, latency, answer.requestId(), RequestListener.Outcome.RETRYING);
            retryAfter(call, attempt, retryIn.get(), earlier || RetryDecisions.mayHaveBeenCarriedOut(status));
            return;
        }
        finish(call, answer);
    }

    private <T> void failed(
            Call<T> call, int attempt, boolean earlier, Throwable cause, long timeoutMs, Duration latency) {
        OfAuthException.Transport.Kind kind = classify(cause);
        boolean mayHaveReached = RetryDecisions.mayHaveBeenCarriedOut(kind);
        boolean plainServer = answeredInPlainText(cause);
        Optional<Duration> retryIn =
                !plainServer && RetryDecisions.retryable(call.request().method(), kind)
                        ? delayBeforeRetry(call, attempt, Optional.empty())
                        : Optional.empty();
        if (retryIn.isPresent()) {
            report(call, attempt, 0, kind.name(), latency, null, RequestListener.Outcome.RETRYING);
            retryAfter(call, attempt, retryIn.get(), earlier || mayHaveReached);
            return;
        }
        String what = switch (kind) {
            case CONNECT ->
                plainServer
                        ? "could not connect to " + target + ": it answered the TLS handshake in plain text; is this"
                                + " http:// rather than https://?"
                        : "could not connect to " + target + ": " + rootMessage(cause);
            case TIMEOUT -> "no answer within " + timeoutMs + " ms";
            case RESET -> "the connection broke before the answer was complete";
        };
        OfAuthException.Transport transport =
                new OfAuthException.Transport(call.request().describe() + ": " + what, kind, cause);
        finish(call, new WireResult.Unanswered(transport, mayHaveReached, attempt, latency, earlier));
    }

    private <T> Optional<Duration> delayBeforeRetry(Call<T> call, int attempt, Optional<Duration> hint) {
        Duration untilDeadline = Duration.ofNanos(call.deadlineNanos() - delays.nanoTime());
        return RetryDecisions.delayBeforeRetry(
                options.retryPolicy(), attempt, hint, jitter.getAsDouble(), untilDeadline);
    }

    private <T> void retryAfter(Call<T> call, int attempt, Duration delay, boolean mayHaveBeenCarriedOut) {
        CompletionStage<Void> unused =
                delays.after(delay).thenRun(() -> attempt(call, attempt + 1, mayHaveBeenCarriedOut));
    }

    private static WireResult.Unanswered unanswered(Throwable cause, int lastAttempt, boolean earlier) {
        OfAuthException failure = cause instanceof OfAuthException e
                ? e
                : new OfAuthException.Transport(
                        "the call ended before an answer: " + cause, OfAuthException.Transport.Kind.TIMEOUT, cause);
        return new WireResult.Unanswered(failure, false, lastAttempt, Duration.ZERO, earlier);
    }

    /** Interprets the whole exchange, reports its last attempt, and completes the call: never left hanging. */
    private <T> void finish(Call<T> call, WireResult exchange) {
        OfAuthRequest request = call.request();
        try {
            WireResultInterpreter.Reading<T> reading =
                    WireResultInterpreter.interpret(request, exchange, call.expected());
            report(call, exchange, reading.envelope().map(ErrorEnvelope::type).orElse(null), reading.outcome());
            call.result().complete(reading.value());
        } catch (OfAuthException failure) {
            report(call, exchange, failure.type().orElse(null), RequestListener.Outcome.FAILED);
            call.result().completeExceptionally(failure);
        } catch (RuntimeException bug) {
            report(call, exchange, null, RequestListener.Outcome.FAILED);
            call.result().completeExceptionally(bug);
        }
    }

    private void report(Call<?> call, WireResult exchange, @Nullable String type, RequestListener.Outcome outcome) {
        if (exchange.attempt() == 0 || exchange instanceof WireResult.Withheld) {
            // Nothing more was sent: there is no attempt to tell of, but one started may have to be called off.
            RequestListener.AttemptEnd started = call.takeAttemptInFlight();
            try {
                if (started != null) {
                    started.notSent();
                }
            } catch (RuntimeException e) {
                LOG.warn("request listener failed; ignored", e);
            }
            return;
        }
        if (exchange instanceof WireResult.Answered a) {
            report(call, a.attempt(), a.status(), type, a.latency(), a.requestId(), outcome);
        } else if (exchange instanceof WireResult.Unanswered u) {
            String kind =
                    u.cause() instanceof OfAuthException.Transport t ? t.kind().name() : "RATE_LIMITED";
            report(call, u.attempt(), 0, kind, u.latency(), null, outcome);
        }
    }

    private void report(
            Call<?> call,
            int attempt,
            int status,
            @Nullable String detail,
            Duration latency,
            @Nullable String requestId,
            RequestListener.Outcome outcome) {
        OfAuthRequest request = call.request();
        if (LOG.isDebugEnabled()) {
            String answer =
                    (status == 0 ? "no answer" : Integer.toString(status)) + (detail == null ? "" : " " + detail);
            LOG.debug(
                    "{} attempt {} -> {} in {} ms, requestId {}, {}",
                    request.describe(),
                    attempt,
                    answer,
                    latency.toMillis(),
                    requestId == null ? "-" : requestId,
                    outcome);
        }
        RequestListener.Attempt event = new RequestListener.Attempt(
                request.method(),
                request.route(),
                attempt,
                status,
                latency,
                Optional.ofNullable(requestId),
                outcome,
                Optional.ofNullable(detail));
        // The attempt started and not yet ended hears its end; an ending that follows no new attempt goes to
        // onAttempt: either way the listener hears each report once.
        RequestListener.AttemptEnd inFlight = call.takeAttemptInFlight();
        try {
            if (inFlight != null) {
                inFlight.ended(event);
            } else {
                listener.onAttempt(event);
            }
        } catch (RuntimeException e) {
            LOG.warn("request listener failed; ignored", e);
        }
    }

    /** Whether {@code listener} overrides {@link RequestListener#attemptStarted} (the default only forwards the end). */
    static boolean hearsAttemptStarts(RequestListener listener) {
        try {
            return listener.getClass()
                            .getMethod("attemptStarted", RequestListener.AttemptStart.class)
                            .getDeclaringClass()
                    != RequestListener.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("RequestListener declares attemptStarted", e);
        }
    }

    /** Tells the listener an attempt is being sent; a listener that throws hears its end through onAttempt. */
    private RequestListener.@Nullable AttemptEnd attemptStarted(OfAuthRequest request, int attempt) {
        try {
            return listener.attemptStarted(
                    new RequestListener.AttemptStart(request.method(), request.route(), attempt));
        } catch (RuntimeException e) {
            LOG.warn("request listener failed; ignored", e);
            return null;
        }
    }

    /**
     * Whether the server answered our TLS handshake with something that is not TLS (a plain-HTTP server behind an
     * https:// URL): no request was sent, and trying again cannot help.
     */
    static boolean answeredInPlainText(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().endsWith(".NotSslRecordException")) {
                return true;
            }
        }
        return false;
    }

    /** What a failure from the HTTP stack means on the wire. */
    static OfAuthException.Transport.Kind classify(Throwable cause) {
        if (answeredInPlainText(cause)) {
            return OfAuthException.Transport.Kind.CONNECT;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof NotConnected
                    || t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || name.endsWith("ConnectTimeoutException")) {
                return OfAuthException.Transport.Kind.CONNECT;
            }
            if (t instanceof TimeoutException || name.endsWith("TimeoutException")) {
                return OfAuthException.Transport.Kind.TIMEOUT;
            }
        }
        return OfAuthException.Transport.Kind.RESET;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String hostAndPort(String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}

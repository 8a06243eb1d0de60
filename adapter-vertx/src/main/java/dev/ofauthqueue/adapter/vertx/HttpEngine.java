package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.domain.ConnectionId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call as one or more HTTP attempts: rate limiter, per-attempt timeout, retries with backoff,
 * overall deadline, logging and the listener. Secrets go into headers only; nothing here logs or throws them.
 */
final class HttpEngine {

    private static final Logger LOG = LoggerFactory.getLogger(VertxOfAuthClient.class);
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

    /** A logical call. */
    record Call(HttpMethod method, String route, String path, ConnectionId connection, String body) {}

    /**
     * The final answer of a call that got one: 2xx, or 404 (callers decide what absence means).
     *
     * @param notFound         for a 404, its error envelope, read once with the answer's real content type
     * @param uncertainEarlier an earlier attempt went unanswered after it may have reached OFAuth
     */
    record Answer(
            int status,
            String body,
            Optional<String> requestId,
            Optional<ErrorMapper.Envelope> notFound,
            boolean uncertainEarlier) {}

    private final WebClient client;
    private final OfAuthClientOptions options;
    private final Delays delays;
    private final Clock wallClock;
    private final DoubleSupplier random;
    private final RequestListener listener;
    private final Optional<ConnectionRateLimiter> limiter;

    HttpEngine(
            WebClient client,
            OfAuthClientOptions options,
            Delays delays,
            Clock wallClock,
            DoubleSupplier random,
            RequestListener listener) {
        this.client = client;
        this.options = options;
        this.delays = delays;
        this.wallClock = wallClock;
        this.random = random;
        this.listener = listener;
        this.limiter = options.rateLimit().map(limit -> new ConnectionRateLimiter(limit, delays));
    }

    CompletionStage<Answer> send(Call call) {
        long deadline = delays.nanoTime() + options.deadline().toNanos();
        CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt(call, 1, deadline, false, result);
        return result;
    }

    private boolean retryable(HttpMethod method) {
        // POST has no idempotency key at OFAuth: a retry could send a mass message twice.
        return !HttpMethod.POST.equals(method);
    }

    private void attempt(Call call, int attempt, long deadline, boolean uncertain, CompletableFuture<Answer> result) {
        CompletionStage<Void> turn = limiter.map(l -> l.acquire(call.connection(), deadline))
                .orElse(CompletableFuture.completedFuture(null));
        turn.whenComplete((ok, limited) -> {
            if (limited != null) {
                result.completeExceptionally(VertxOfAuthClient.unwrap(limited));
                return;
            }
            long remaining = deadline - delays.nanoTime();
            if (remaining <= 0) {
                result.completeExceptionally(new OfAuthException.Transport(
                        describe(call) + ": the deadline of " + options.deadline() + " passed",
                        OfAuthException.Transport.Kind.TIMEOUT,
                        null));
                return;
            }
            long timeoutMs = Math.max(
                    1, Math.min(options.requestTimeout().toMillis(), TimeUnit.NANOSECONDS.toMillis(remaining)));
            long started = delays.nanoTime();
            HttpRequest<Buffer> request = client.requestAbs(call.method(), options.baseUrl() + call.path())
                    .putHeader("apiKey", options.apiKey().value())
                    .putHeader("x-connection-id", call.connection().value())
                    .putHeader("Accept", "application/json")
                    .putHeader("User-Agent", options.userAgent())
                    .connectTimeout(options.connectTimeout().toMillis())
                    .idleTimeout(timeoutMs);
            Future<HttpResponse<Buffer>> sent = call.body() == null
                    ? request.send()
                    : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(call.body()));
            sent.timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(ar -> {
                Duration latency = Duration.ofNanos(delays.nanoTime() - started);
                if (ar.succeeded()) {
                    onResponse(call, attempt, deadline, uncertain, ar.result(), latency, result);
                } else {
                    onFailure(call, attempt, deadline, uncertain, ar.cause(), latency, result);
                }
            });
        });
    }

    private void onResponse(
            Call call,
            int attempt,
            long deadline,
            boolean uncertain,
            HttpResponse<Buffer> response,
            Duration latency,
            CompletableFuture<Answer> result) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body().toString();
        Optional<String> headerRequestId = Optional.ofNullable(response.getHeader("X-Request-Id"));
        if ((status >= 200 && status < 300) || status == 404) {
            Optional<ErrorMapper.Envelope> notFound = status == 404
                    ? Optional.of(ErrorMapper.envelope(
                            body, response.getHeader("Content-Type"), headerRequestId.orElse(null)))
                    : Optional.empty();
            String requestId = notFound.map(ErrorMapper.Envelope::requestId).orElse(headerRequestId.orElse(null));
            report(call, attempt, status, latency, Optional.ofNullable(requestId), RequestListener.Outcome.SUCCEEDED);
            if (status >= 200 && status < 300 && !isJson(response.getHeader("Content-Type"))) {
                result.completeExceptionally(new OfAuthException.Decoding(
                        describe(call) + ": answer is not JSON (Content-Type " + response.getHeader("Content-Type")
                                + ")",
                        status,
                        requestId,
                        null));
                return;
            }
            result.complete(new Answer(status, body, Optional.ofNullable(requestId), notFound, uncertain));
            return;
        }
        ErrorMapper.Envelope envelope =
                ErrorMapper.envelope(body, response.getHeader("Content-Type"), headerRequestId.orElse(null));
        Optional<Duration> hint = hint(response);
        Optional<Duration> delay = RETRYABLE_STATUS.contains(status) && retryable(call.method())
                ? retryDelay(attempt, deadline, hint)
                : Optional.empty();
        report(
                call,
                attempt,
                status,
                latency,
                Optional.ofNullable(envelope.requestId()),
                delay.isPresent() ? RequestListener.Outcome.RETRYING : RequestListener.Outcome.FAILED);
        if (delay.isPresent()) {
            delays.after(delay.get()).thenRun(() -> attempt(call, attempt + 1, deadline, uncertain, result));
            return;
        }
        result.completeExceptionally(ErrorMapper.toException(describe(call), status, envelope, hint.orElse(null)));
    }

    private void onFailure(
            Call call,
            int attempt,
            long deadline,
            boolean uncertain,
            Throwable cause,
            Duration latency,
            CompletableFuture<Answer> result) {
        OfAuthException.Transport.Kind kind = classify(cause);
        boolean retryOn = kind != OfAuthException.Transport.Kind.RESET && retryable(call.method());
        Optional<Duration> delay = retryOn ? retryDelay(attempt, deadline, Optional.empty()) : Optional.empty();
        report(
                call,
                attempt,
                0,
                latency,
                Optional.empty(),
                delay.isPresent() ? RequestListener.Outcome.RETRYING : RequestListener.Outcome.FAILED);
        boolean nowUncertain = uncertain || kind != OfAuthException.Transport.Kind.CONNECT;
        if (delay.isPresent()) {
            delays.after(delay.get()).thenRun(() -> attempt(call, attempt + 1, deadline, nowUncertain, result));
            return;
        }
        result.completeExceptionally(new OfAuthException.Transport(
                describe(call) + ": "
                        + switch (kind) {
                            case CONNECT -> "could not connect";
                            case TIMEOUT ->
                                "no answer within " + options.requestTimeout().toMillis() + " ms";
                            case RESET -> "the connection broke before the answer was complete";
                        }
                        + " (" + cause.getClass().getSimpleName() + ")",
                kind,
                cause));
    }

    static OfAuthException.Transport.Kind classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof ConnectException
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

    /** The delay before attempt {@code attempt + 1}, or empty when no retry fits the policy or the deadline. */
    private Optional<Duration> retryDelay(int attempt, long deadline, Optional<Duration> hint) {
        RetryPolicy policy = options.retryPolicy();
        if (attempt >= policy.maxAttempts()) {
            return Optional.empty();
        }
        Duration delay = hint.orElseGet(() -> Duration.ofMillis(
                (long) (random.getAsDouble() * policy.ceiling(attempt + 1).toMillis())));
        if (delay.compareTo(policy.maxDelay()) > 0 && hint.isEmpty()) {
            delay = policy.maxDelay();
        }
        if (delays.nanoTime() + delay.toNanos() >= deadline || delay.compareTo(policy.maxDelay()) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    /** {@code Retry-After} (seconds or an HTTP date), else {@code X-RateLimit-Reset} (epoch seconds). */
    private Optional<Duration> hint(HttpResponse<Buffer> response) {
        Instant now = wallClock.instant();
        String retryAfter = response.getHeader("Retry-After");
        if (retryAfter != null) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
                } catch (DateTimeParseException ignored) {
                    // fall through to the next hint
                }
            }
        }
        String reset = response.getHeader("X-RateLimit-Reset");
        if (reset != null && response.statusCode() == 429) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (NumberFormatException | DateTimeException ignored) {
                // no usable hint
            }
        }
        return Optional.empty();
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    private static String describe(Call call) {
        return call.method() + " " + call.route();
    }

    private void report(
            Call call,
            int attempt,
            int status,
            Duration latency,
            Optional<String> requestId,
            RequestListener.Outcome outcome) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} {} attempt {} -> {} in {} ms, requestId {}, {}",
                    call.method(),
                    call.route(),
                    attempt,
                    status == 0 ? "no answer" : status,
                    latency.toMillis(),
                    requestId.orElse("-"),
                    outcome);
        }
        try {
            listener.onAttempt(new RequestListener.Attempt(
                    call.method().name(), call.route(), attempt, status, latency, requestId, outcome));
        } catch (RuntimeException e) {
            LOG.warn("request listener failed; ignored", e);
        }
    }
}

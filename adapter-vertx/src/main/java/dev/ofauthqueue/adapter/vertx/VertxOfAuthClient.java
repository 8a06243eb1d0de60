package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeleteRoute;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.AttemptListener;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OFAuth ports over HTTP with Vert.x Web Client. One client serves many connections; it is thread-safe and
 * should be created once and closed at shutdown.
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * VertxOfAuthClient client = VertxOfAuthClient.create(vertx, OfAuthClientOptions.fromEnvironment().build());
 * ScheduledQueueService queue = ScheduledQueueService.builder(client).build();
 * }</pre>
 *
 * Failures fail the returned stage with the port's {@link OfAuthException}. A 404 {@code RESOURCE_NOT_FOUND} is an
 * answer, not a failure, where absence means something: {@link #fetchMassMessage} answers empty and
 * {@link #deleteScheduledMassMessage} answers {@link DeleteRequestOutcome.NotFound} (or {@link DeleteRequestOutcome.NotFoundOnRetry}
 * when an earlier attempt may have deleted it). Any other 404 (an unknown route from a wrong base URL, a proxy's page)
 * fails with {@link OfAuthException.NotFound}. A DELETE that may have taken effect without a readable answer (a timeout
 * or reset after sending, a 2xx body that is not the expected JSON, or the deadline passing before a retry) answers
 * {@link DeleteRequestOutcome.Unconfirmed}. All of this is decided in one place, from the whole exchange of every attempt.
 */
public final class VertxOfAuthClient implements ScheduledQueuePort, ScheduleMassMessagePort, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VertxOfAuthClient.class);
    private static final String LIST_ROUTE = "/v2/access/mass-messages";
    private static final String ONE_ROUTE = "/v2/access/mass-messages/{id}";

    private final HttpClient client;
    private final OfAuthClientOptions options;
    private final RequestSender sender;

    private VertxOfAuthClient(HttpClient client, OfAuthClientOptions options, RequestSender sender) {
        this.client = client;
        this.options = options;
        this.sender = sender;
    }

    /**
     * A client with Vert.x timers, the system clock and no listener.
     *
     * @param vertx   the Vert.x instance whose event loop runs the calls; the caller keeps owning it
     * @param options where OFAuth is, the key, timeouts, retries and limits
     * @return the client; {@link #close()} it when done
     */
    public static VertxOfAuthClient create(Vertx vertx, OfAuthClientOptions options) {
        return create(vertx, options, Collaborators.defaults(vertx));
    }

    /**
     * A client with the given hooks: a listener, or, in tests, virtual time and fixed jitter.
     *
     * @param vertx   the Vert.x instance whose event loop runs the calls; the caller keeps owning it
     * @param options where OFAuth is, the key, timeouts, retries and limits
     * @param hooks   timers, clocks, jitter and listener
     * @return the client; {@link #close()} it when done
     */
    public static VertxOfAuthClient create(Vertx vertx, OfAuthClientOptions options, Collaborators hooks) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(hooks, "hooks");
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int)
                Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis())));
        return new VertxOfAuthClient(
                client,
                options,
                new RequestSender(
                        client,
                        vertx.getOrCreateContext(),
                        options,
                        hooks.delays(),
                        hooks.wallClock(),
                        hooks.jitter(),
                        hooks.listener(),
                        options.rateLimit()
                                .map(limit ->
                                        options.rateBudget().open(vertx, limit, options.apiKey(), hooks.delays()))));
    }

    /**
     * What a client may be given besides its options.
     *
     * @param delays    timers and elapsed time (default: Vert.x timers, {@link System#nanoTime()})
     * @param wallClock to read {@code Retry-After} dates and {@code X-RateLimit-Reset} (default: system UTC)
     * @param jitter    0 ≤ x &lt; 1 for full-jitter backoff (default: random)
     * @param listener  told of every attempt (default: none)
     */
    public record Collaborators(Timers delays, Clock wallClock, DoubleSupplier jitter, RequestListener listener) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param delays    timers and elapsed time (default: Vert.x timers, {@link System#nanoTime()})
         * @param wallClock to read {@code Retry-After} dates and {@code X-RateLimit-Reset} (default: system UTC)
         * @param jitter    0 ≤ x &lt; 1 for full-jitter backoff (default: random)
         * @param listener  told of every attempt (default: none)
         * @throws NullPointerException when one is
         */
        public Collaborators {
            Objects.requireNonNull(delays, "delays");
            Objects.requireNonNull(wallClock, "wallClock");
            Objects.requireNonNull(jitter, "jitter");
            Objects.requireNonNull(listener, "listener");
        }

        /**
         * Vert.x timers, {@link System#nanoTime()}, the system UTC clock, random jitter and no listener.
         *
         * @param vertx whose timers to use
         * @return the default hooks
         */
        public static Collaborators defaults(Vertx vertx) {
            Timers timers = Timers.of(
                    delay -> {
                        if (delay.isZero() || delay.isNegative()) {
                            return CompletableFuture.completedFuture(null);
                        }
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        vertx.setTimer(Math.max(1, delay.toMillis()), id -> done.complete(null));
                        return done;
                    },
                    System::nanoTime);
            return new Collaborators(
                    timers, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), RequestListener.NONE);
        }

        /**
         * These hooks with another listener.
         *
         * @param value the listener
         * @return new hooks
         */
        public Collaborators withListener(RequestListener value) {
            return new Collaborators(delays, wallClock, jitter, value);
        }
    }

    /**
     * The options this client was made with.
     *
     * @return the options
     */
    public OfAuthClientOptions options() {
        return options;
    }

    @Override
    public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
        Objects.requireNonNull(connection, "connection");
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_SIZE) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "offset must be >= 0 and limit 1.." + MAX_PAGE_SIZE + ", were " + offset + " and " + limit));
        }
        String path = LIST_ROUTE + "?type=scheduled&limit=" + limit + "&offset=" + offset;
        return sender.send(new OfAuthRequest("GET", LIST_ROUTE, path, connection, null), AnswerExpectation.page());
    }

    @Override
    public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId connection, MassMessageId id) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        return sender.send(
                new OfAuthRequest("GET", ONE_ROUTE, LIST_ROUTE + "/" + id.value(), connection, null),
                AnswerExpectation.messageOrAbsent());
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId connection, MassMessageId id) {
        return deleteScheduledMassMessage(connection, id, AttemptListener.NONE);
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
            ConnectionId connection, MassMessageId id, AttemptListener attempts) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attempts, "attempts");
        DeleteRoute route = options.deleteRoute();
        return sender.send(
                new OfAuthRequest("DELETE", route.template(), route.path(id.value()), connection, null),
                AnswerExpectation.deletion(),
                SendPermit.ALWAYS,
                attempts);
    }

    /**
     * Deletes a message only if it is still scheduled, always through {@link DeleteRoute#SCHEDULED} whatever
     * {@link OfAuthClientOptions#deleteRoute()} says: deletion jobs act on snapshots that may be stale, and the
     * generic route can unsend a message already sent. The caller took the first attempt's token from
     * {@link #rateBudget()}; a 429 is not retried but fails the stage, so the caller can wait without holding a slot.
     * Each attempt goes only once {@code permit} allows it, and is given up after the time it granted (at most the
     * request timeout).
     */
    @Override
    public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
            ConnectionId connection, MassMessageId id, SendPermit permit) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(permit, "permit");
        DeleteRoute route = DeleteRoute.SCHEDULED;
        return sender.send(
                new OfAuthRequest(
                        "DELETE",
                        route.template(),
                        route.path(id.value()),
                        connection,
                        null,
                        OfAuthRequest.Pacing.CALLER),
                AnswerExpectation.deletion(),
                permit,
                permit::attemptEnded);
    }

    /**
     * The client-side limiter, shared with deletion jobs so that jobs and single calls draw on one budget per
     * connection.
     *
     * @return the limiter, or {@link RateBudget#unlimited()} when it is off
     */
    @Override
    public RateBudget rateBudget() {
        return sender.budget();
    }

    @Override
    public CompletionStage<MassMessageReceipt> scheduleMassMessage(ConnectionId connection, MassMessageDraft draft) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(draft, "draft");
        return sender.send(
                new OfAuthRequest("POST", LIST_ROUTE, LIST_ROUTE, connection, WireMapper.writeBody(draft)),
                AnswerExpectation.job());
    }

    @Override
    public CompletionStage<MassMessageReceipt> rescheduleMassMessage(
            ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(draft, "draft");
        return sender.send(
                new OfAuthRequest(
                        "PUT", ONE_ROUTE, LIST_ROUTE + "/" + id.value(), connection, WireMapper.writeBody(draft)),
                AnswerExpectation.job());
    }

    /** Closes the HTTP client (not the Vert.x instance it was given). */
    @Override
    public void close() {
        client.close();
        if (sender.budget() instanceof AutoCloseable shared) {
            try {
                shared.close();
            } catch (Exception e) {
                LOG.warn("the rate budget did not close cleanly: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "VertxOfAuthClient[" + options + "]";
    }
}

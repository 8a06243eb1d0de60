package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.MassMessageDraft;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.PortDeletion;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledJob;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

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
 * Failures fail the returned stage with an {@link OfAuthException}. A 404 {@code RESOURCE_NOT_FOUND} is an answer,
 * not a failure, where absence means something: {@link #fetchMassMessage} answers empty and
 * {@link #deleteScheduledMassMessage} answers {@link PortDeletion.NotFound}. Any other 404 (an unknown route from a
 * wrong base URL, a proxy's page) fails with {@link OfAuthException.NotFound}. A DELETE that may have taken effect without a readable answer (a timeout or reset
 * after sending, or a 2xx body that is not the expected JSON) answers {@link PortDeletion.Unconfirmed}.
 */
public final class VertxOfAuthClient implements ScheduledQueuePort, ScheduleMassMessagePort, AutoCloseable {

    private static final String LIST_ROUTE = "/v2/access/mass-messages";
    private static final String ONE_ROUTE = "/v2/access/mass-messages/{id}";

    private final WebClient client;
    private final OfAuthClientOptions options;
    private final HttpEngine engine;

    private VertxOfAuthClient(WebClient client, OfAuthClientOptions options, HttpEngine engine) {
        this.client = client;
        this.options = options;
        this.engine = engine;
    }

    /** A client with Vert.x timers, the system clock and no listener. */
    public static VertxOfAuthClient create(Vertx vertx, OfAuthClientOptions options) {
        return create(vertx, options, Hooks.defaults(vertx));
    }

    /** A client with the given hooks: a listener, or, in tests, virtual time and fixed jitter. */
    public static VertxOfAuthClient create(Vertx vertx, OfAuthClientOptions options, Hooks hooks) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(hooks, "hooks");
        WebClient client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setUserAgent(options.userAgent())
                        .setConnectTimeout((int) Math.min(
                                Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                        .setFollowRedirects(false));
        return new VertxOfAuthClient(
                client,
                options,
                new HttpEngine(client, options, hooks.delays(), hooks.wallClock(), hooks.jitter(), hooks.listener()));
    }

    /**
     * What a client may be given besides its options.
     *
     * @param delays    timers and elapsed time (default: Vert.x timers, {@link System#nanoTime()})
     * @param wallClock to read {@code Retry-After} dates and {@code X-RateLimit-Reset} (default: system UTC)
     * @param jitter    0 ≤ x &lt; 1 for full-jitter backoff (default: random)
     * @param listener  told of every attempt (default: none)
     */
    public record Hooks(Delays delays, Clock wallClock, DoubleSupplier jitter, RequestListener listener) {
        public Hooks {
            Objects.requireNonNull(delays, "delays");
            Objects.requireNonNull(wallClock, "wallClock");
            Objects.requireNonNull(jitter, "jitter");
            Objects.requireNonNull(listener, "listener");
        }

        public static Hooks defaults(Vertx vertx) {
            Delays timers = Delays.of(
                    delay -> {
                        if (delay.isZero() || delay.isNegative()) {
                            return CompletableFuture.completedFuture(null);
                        }
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        vertx.setTimer(Math.max(1, delay.toMillis()), id -> done.complete(null));
                        return done;
                    },
                    System::nanoTime);
            return new Hooks(
                    timers, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), RequestListener.NONE);
        }

        public Hooks withListener(RequestListener value) {
            return new Hooks(delays, wallClock, jitter, value);
        }
    }

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
        return engine.send(new HttpEngine.Call(HttpMethod.GET, LIST_ROUTE, path, connection, null))
                .thenApply(answer -> {
                    if (answer.status() == 404) {
                        throw notFound("GET " + LIST_ROUTE, answer);
                    }
                    return WireMapper.page(
                            answer.body(), answer.status(), answer.requestId().orElse(null));
                });
    }

    @Override
    public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId connection, MassMessageId id) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        return engine.send(
                        new HttpEngine.Call(HttpMethod.GET, ONE_ROUTE, LIST_ROUTE + "/" + id.value(), connection, null))
                .thenApply(answer -> absent(answer, "GET " + ONE_ROUTE)
                        ? Optional.<ScheduledMassMessage>empty()
                        : Optional.of(WireMapper.message(
                                WireMapper.read(
                                        answer.body(),
                                        WireTypes.QueueItem.class,
                                        answer.status(),
                                        answer.requestId().orElse(null)),
                                answer.status(),
                                answer.requestId().orElse(null))));
    }

    @Override
    public CompletionStage<PortDeletion> deleteScheduledMassMessage(ConnectionId connection, MassMessageId id) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        DeleteRoute route = options.deleteRoute();
        return engine.send(new HttpEngine.Call(
                        HttpMethod.DELETE, route.template(), route.path(id.value()), connection, null))
                .<PortDeletion>thenApply(answer -> {
                    if (absent(answer, "DELETE " + route.template())) {
                        return new PortDeletion.NotFound(answer.uncertainEarlier());
                    }
                    WireTypes.DeleteAnswer body = WireMapper.read(
                            answer.body(),
                            WireTypes.DeleteAnswer.class,
                            answer.status(),
                            answer.requestId().orElse(null));
                    if (!Boolean.TRUE.equals(body.success()) || body.queue() == null) {
                        throw new OfAuthException.Decoding(
                                "DELETE answered without success and queue",
                                answer.status(),
                                answer.requestId().orElse(null),
                                null);
                    }
                    return new PortDeletion.Deleted(WireMapper.message(
                            body.queue(), answer.status(), answer.requestId().orElse(null)));
                })
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof OfAuthException.Transport t && t.mayHaveReachedServer()) {
                        // The request may have been carried out: the service reads the message again to learn.
                        return CompletableFuture.completedFuture(new PortDeletion.Unconfirmed(t));
                    }
                    if (cause instanceof OfAuthException.Decoding d && d.status() >= 200 && d.status() < 300) {
                        // OFAuth said yes in a body we cannot read: the deletion most likely happened. Reporting a
                        // failure would be a silent wrong answer, so the service reads the message again instead.
                        return CompletableFuture.completedFuture(new PortDeletion.Unconfirmed(d));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    @Override
    public CompletionStage<ScheduledJob> scheduleMassMessage(ConnectionId connection, MassMessageDraft draft) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(draft, "draft");
        return engine.send(new HttpEngine.Call(
                        HttpMethod.POST, LIST_ROUTE, LIST_ROUTE, connection, WireMapper.writeBody(draft)))
                .thenApply(answer -> {
                    if (answer.status() == 404) {
                        throw notFound("POST " + LIST_ROUTE, answer);
                    }
                    return WireMapper.job(
                            answer.body(), answer.status(), answer.requestId().orElse(null));
                });
    }

    @Override
    public CompletionStage<ScheduledJob> rescheduleMassMessage(
            ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(draft, "draft");
        return engine.send(new HttpEngine.Call(
                        HttpMethod.PUT,
                        ONE_ROUTE,
                        LIST_ROUTE + "/" + id.value(),
                        connection,
                        WireMapper.writeBody(draft)))
                .thenApply(answer -> {
                    if (answer.status() == 404) {
                        throw notFound("PUT " + ONE_ROUTE, answer);
                    }
                    return WireMapper.job(
                            answer.body(), answer.status(), answer.requestId().orElse(null));
                });
    }

    /**
     * Whether a 404 says the message does not exist. Only OFAuth's {@code RESOURCE_NOT_FOUND} does; any other 404
     * (an unknown route, say, from a wrong base URL, or a proxy's page) is an error: reading it as "gone" would report
     * every message deleted.
     *
     * @throws OfAuthException.NotFound for a 404 of any other kind
     */
    private static boolean absent(HttpEngine.Answer answer, String what) {
        if (answer.notFound().isEmpty()) {
            return false;
        }
        ErrorMapper.Envelope e = answer.notFound().get();
        if ("RESOURCE_NOT_FOUND".equals(e.type())) {
            return true;
        }
        throw ErrorMapper.toException(what, 404, e, null);
    }

    private static OfAuthException notFound(String what, HttpEngine.Answer answer) {
        return ErrorMapper.toException(what, 404, answer.notFound().orElseThrow(), null);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Closes the HTTP client (not the Vert.x instance it was given). */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "VertxOfAuthClient[" + options + "]";
    }
}

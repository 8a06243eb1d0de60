package dev.ofauthqueue.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running fake OFAuth server. Start one with {@link #start(FakeServerOptions)}; close it when done.
 *
 * <pre>{@code
 * try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build())) {
 *     String baseUrl = fake.baseUrl();   // http://127.0.0.1:<port>
 *     fake.clock().advance(Duration.ofHours(2));
 * }
 * }</pre>
 */
public final class FakeOfAuthServer implements AutoCloseable {

    /** The demo API key of the bundled recordings. */
    public static final String DEMO_API_KEY = "demo-api-key";
    /** The bundled connection with a full, writable queue. */
    public static final String DEMO_CONNECTION = "conn_demo";
    /** The bundled connection that may only read. */
    public static final String READONLY_CONNECTION = "conn_readonly";
    /** The bundled connection whose session expired. */
    public static final String EXPIRED_CONNECTION = "conn_expired";

    private static final Logger LOG = Logger.getLogger(FakeOfAuthServer.class.getName());

    private final Vertx vertx;
    private final HttpServer server;
    private final FakeClock clock;
    private final FakeState state;
    private final String host;

    private FakeOfAuthServer(Vertx vertx, HttpServer server, FakeClock clock, FakeState state, String host) {
        this.vertx = vertx;
        this.server = server;
        this.clock = clock;
        this.state = state;
        this.host = host;
    }

    /**
     * Loads the recordings, binds, and returns once the server answers.
     *
     * @throws InvalidRecordingsException when the recordings cannot be served
     * @throws IllegalStateException      when the port cannot be bound
     */
    public static FakeOfAuthServer start(FakeServerOptions options) {
        Recordings recordings = options.recordings().map(Recordings::fromDirectory).orElseGet(Recordings::bundled);
        Instant start = options.clockStart() instanceof FakeServerOptions.At at ? at.instant()
                : options.clockStart() instanceof FakeServerOptions.AtWallClock ? Instant.now()
                : recordings.recordedAt;
        FakeClock clock = new FakeClock(start);
        FakeState state = new FakeState(recordings, clock, start, options.rateLimit().orElse(null));

        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(FakeOfAuthServer::logRequest);
        router.route().handler(BodyHandler.create().setBodyLimit(1_000_000));
        new ApiRoutes(state, clock).install(router);
        new AdminRoutes(state, clock).install(router);
        router.errorHandler(404, ctx -> Errors.send(ctx, 404, "ROUTE_NOT_FOUND",
                "No route " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> Errors.send(ctx, 405, "METHOD_NOT_ALLOWED",
                "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(500, FakeOfAuthServer::internalError);

        try {
            // No h2c upgrade: the JDK's HttpClient asks for it on every new plain-HTTP connection, and Vert.x's
            // upgrade answer confused it ("Frame type(110) ... exceeds MAX_FRAME_SIZE"). HTTP/1.1 serves every client.
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                            .setHttp2ClearTextEnabled(false))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new FakeOfAuthServer(vertx, server, clock, state, options.host());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the fake", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + cause.getMessage(), cause);
        }
    }

    private static void logRequest(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(done -> {
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(ctx.request().method() + " " + ctx.request().path() + " " + ctx.response().getStatusCode()
                        + " " + (System.nanoTime() - started) / 1_000 + "us");
            }
        });
        ctx.next();
    }

    private static void internalError(RoutingContext ctx) {
        LOG.log(Level.WARNING, "request failed inside the fake", ctx.failure());
        if (!ctx.response().headWritten()) {
            Errors.send(ctx, 500, "INTERNAL_ERROR", "The fake failed to answer: " + Optional.ofNullable(ctx.failure())
                    .map(Throwable::toString).orElse("unknown"));
        }
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, the base URL to give a client. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    /** The fake's clock: move it to make messages sending or sent. */
    public FakeClock clock() {
        return clock;
    }

    /** Back to the recordings and the start instant (deletions undone, clock reset, buckets full). */
    public void reset() {
        state.reset();
    }

    /** The admin view of one connection's queue, as {@code GET /__admin/connections/{id}/queue} answers it. */
    public Optional<JsonObject> queueSnapshot(String connectionId) {
        return state.queue(connectionId).map(state::snapshot);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "the fake did not close cleanly", e);
        }
    }
}

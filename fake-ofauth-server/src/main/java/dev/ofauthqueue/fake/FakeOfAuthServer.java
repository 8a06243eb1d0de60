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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 *     fake.faults().add(Fault.any().times(1).then(new FaultAction.Status(503, 0)));
 *     fake.journal().verify(Journal.query().method("DELETE"), 1);
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
    private final Faults faults;
    private final Journal journal;
    private final FakeServerOptions options;
    private final Runnable resetAll;
    private final Runnable reload;

    private FakeOfAuthServer(
            Vertx vertx,
            HttpServer server,
            FakeClock clock,
            FakeState state,
            Faults faults,
            Journal journal,
            FakeServerOptions options,
            Runnable resetAll,
            Runnable reload) {
        this.vertx = vertx;
        this.server = server;
        this.clock = clock;
        this.state = state;
        this.faults = faults;
        this.journal = journal;
        this.options = options;
        this.resetAll = resetAll;
        this.reload = reload;
    }

    /**
     * Loads the recordings, binds, and returns once the server answers.
     *
     * @throws InvalidRecordingsException when the recordings cannot be served
     * @throws IllegalStateException      when the port cannot be bound
     */
    public static FakeOfAuthServer start(FakeServerOptions options) {
        // Reading the recordings and starting Vert.x are independent: overlap them (start-up time is a feature here).
        CompletableFuture<Recordings> loading = CompletableFuture.supplyAsync(() -> load(options));
        Vertx vertx = Vertx.vertx();
        Recordings recordings;
        try {
            recordings = loading.join();
        } catch (CompletionException e) {
            vertx.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Instant start = startInstant(options, recordings);
        FakeClock clock = new FakeClock(start);
        FakeState state =
                new FakeState(recordings, clock, start, options.rateLimit().orElse(null));
        Faults faults = new Faults();
        Journal journal = new Journal(options.journalCapacity());
        journal.knownConnections(recordings.connections.keySet());
        Runnable resetAll = () -> {
            state.reset();
            faults.clear();
            journal.clear();
        };
        Runnable reload = () -> {
            Recordings fresh = load(options);
            state.load(fresh, startInstant(options, fresh));
            journal.knownConnections(fresh.connections.keySet());
        };

        Router router = Router.router(vertx);
        router.route().handler(new RequestLog(journal, clock)::handle);
        // Only writes carry bodies: GET and DELETE skip the body handler.
        router.post().handler(BodyHandler.create().setBodyLimit(1_000_000));
        router.put().handler(BodyHandler.create().setBodyLimit(1_000_000));
        router.route().handler(new FaultInjector(vertx, faults, state::generation)::handle);
        options.recordMode().ifPresent(mode -> router.route("/v2/access/*").handler(new Recorder(vertx, mode)::handle));
        new ApiRoutes(state, clock).install(router);
        new AdminRoutes(state, clock, faults, journal, resetAll, reload).install(router);
        router.errorHandler(404, ctx -> {
            RequestLog.markUnmatched(ctx);
            Errors.send(
                    ctx,
                    404,
                    "ROUTE_NOT_FOUND",
                    "No route " + ctx.request().method() + " " + ctx.request().path());
        });
        router.errorHandler(405, ctx -> {
            RequestLog.markUnmatched(ctx);
            Errors.send(
                    ctx,
                    405,
                    "METHOD_NOT_ALLOWED",
                    "Method " + ctx.request().method() + " is not allowed on "
                            + ctx.request().path());
        });
        router.errorHandler(500, FakeOfAuthServer::internalError);

        try {
            // No h2c upgrade: the JDK's HttpClient asks for it on every new plain-HTTP connection, and Vert.x's
            // upgrade answer confused it ("Frame type(110) ... exceeds MAX_FRAME_SIZE"). HTTP/1.1 serves every client.
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(options.host())
                            .setPort(options.port())
                            .setHttp2ClearTextEnabled(false))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new FakeOfAuthServer(vertx, server, clock, state, faults, journal, options, resetAll, reload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the fake", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + cause.getMessage(), cause);
        }
    }

    private static Recordings load(FakeServerOptions options) {
        return options.recordings().map(Recordings::fromDirectory).orElseGet(Recordings::bundled);
    }

    private static Instant startInstant(FakeServerOptions options, Recordings recordings) {
        return options.clockStart() instanceof FakeServerOptions.At at
                ? at.instant()
                : options.clockStart() instanceof FakeServerOptions.AtWallClock ? Instant.now() : recordings.recordedAt;
    }

    private static void internalError(RoutingContext ctx) {
        LOG.log(Level.WARNING, "request failed inside the fake", ctx.failure());
        if (!ctx.response().headWritten()) {
            Errors.send(
                    ctx,
                    500,
                    "INTERNAL_ERROR",
                    "The fake failed to answer: "
                            + Optional.ofNullable(ctx.failure())
                                    .map(Throwable::toString)
                                    .orElse("unknown"));
        }
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, the base URL to give a client. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port();
    }

    /** The fake's clock: move it to make messages sending or sent. */
    public FakeClock clock() {
        return clock;
    }

    /** The faults in force; add some to make the fake misbehave on purpose. */
    public Faults faults() {
        return faults;
    }

    /** The last requests received. */
    public Journal journal() {
        return journal;
    }

    /**
     * Back to the recordings and the start instant: deletions undone, clock reset, rate-limit buckets full, faults
     * cleared, journal emptied.
     */
    public void reset() {
        resetAll.run();
    }

    /**
     * Reads the recordings again (from the directory the fake was started with), checks them, and swaps them in at
     * once; on any problem the current set stays and the problem is thrown.
     *
     * @throws InvalidRecordingsException naming the file and field at fault
     */
    public void reloadRecordings() {
        reload.run();
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

package dev.ofauthqueue.fake;

import dev.ofauthqueue.fake.internal.admin.AdminRoutes;
import dev.ofauthqueue.fake.internal.admin.LocalAdmin;
import dev.ofauthqueue.fake.internal.api.ApiRoutes;
import dev.ofauthqueue.fake.internal.fault.FaultHandler;
import dev.ofauthqueue.fake.internal.fault.FaultRegistry;
import dev.ofauthqueue.fake.internal.http.ConnectionGuard;
import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.journal.FakeMetrics;
import dev.ofauthqueue.fake.internal.journal.RequestJournal;
import dev.ofauthqueue.fake.internal.journal.RequestLog;
import dev.ofauthqueue.fake.internal.recording.Recorder;
import dev.ofauthqueue.fake.internal.recording.Recordings;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running fake OFAuth server. Start one with {@link #start(FakeServerOptions)}; close it when done. It is also the
 * fake's {@link FakeAdmin}, the same interface its admin routes serve.
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
public final class FakeOfAuthServer implements FakeAdmin, AutoCloseable {

    /** The demo API key of the bundled recordings. */
    public static final String DEMO_API_KEY = "demo-api-key";
    /** The bundled connection with a full, writable queue. */
    public static final String DEMO_CONNECTION = "conn_demo";
    /** The bundled connection that may only read. */
    public static final String READONLY_CONNECTION = "conn_readonly";
    /** The bundled connection whose session expired. */
    public static final String EXPIRED_CONNECTION = "conn_expired";

    private static final Logger LOG = Logger.getLogger(FakeOfAuthServer.class.getName());
    private static final int MAX_API_BODY = 1_000_000;

    private final Vertx vertx;
    private final HttpServer server;
    private final FakeServerOptions options;
    private final FakeClock clock;
    private final FaultRegistry faults;
    private final RequestJournal journal;
    private final FakeAdmin admin;

    private FakeOfAuthServer(
            Vertx vertx,
            HttpServer server,
            FakeServerOptions options,
            FakeClock clock,
            FaultRegistry faults,
            RequestJournal journal,
            FakeAdmin admin) {
        this.vertx = vertx;
        this.server = server;
        this.options = options;
        this.clock = clock;
        this.faults = faults;
        this.journal = journal;
        this.admin = admin;
    }

    /**
     * Loads the recordings, binds, and returns once the server answers.
     *
     * @param options where to listen and what to serve
     * @return the running fake
     * @throws InvalidRecordingsException when the recordings cannot be served: a broken manifest, a missing queue file,
     *     or a broken one in a set whose queue files hold at most {@link Recordings#CHECKED_AT_START} bytes (a larger
     *     set's queues are read on first use, a broken one answering its connection's requests {@code 500
     *     FAKE_RECORDINGS_INVALID})
     * @throws IllegalStateException      when the port cannot be bound
     */
    public static FakeOfAuthServer start(FakeServerOptions options) {
        // Reading the recordings and starting Vert.x are independent: overlap them (start-up time is a feature here).
        CompletableFuture<Recordings> loading = CompletableFuture.supplyAsync(() -> Recordings.of(options));
        // It serves no files: no class-path file resolver, and no vertx-cache-* directory that a process killed
        // before close (a partner's test run cut short) would leave in the temporary directory.
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setFileSystemOptions(new FileSystemOptions()
                        .setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false)));
        try {
            // What does not need the recordings is built while they load: the server, the front door, the admin API.
            HttpServer server = vertx.createHttpServer(httpOptions(options));
            Router router = Router.router(vertx);
            ConnectionGuard door = ConnectionGuard.install(vertx, server, options, router, server::actualPort);
            router.route().handler(door.tracker());
            FakeMetrics metrics = new FakeMetrics();
            // Set once the recordings are in; the admin router asks for it on each request, all after listen.
            AtomicReference<FakeAdmin> adminOnceLoaded = new AtomicReference<>();
            // The admin API first: its requests never reach the journal, the faults or OFAuth's routes.
            if (options.adminEnabled()) {
                router.route(AdminRoutes.MOUNT + "/*")
                        .subRouter(AdminRoutes.router(
                                vertx, adminOnceLoaded::get, metrics, options.adminToken(), door.bodyArrived()));
            }

            Recordings recordings = loading.join();
            FakeClock clock = new FakeClock(startInstant(options, recordings));
            FakeStore store = new FakeStore(recordings, clock, clock.instant(), options.rateLimit());
            FaultRegistry faults = new FaultRegistry();
            RequestJournal journal = new RequestJournal(options.journalCapacity(), store.connectionIds());
            FakeAdmin admin = new LocalAdmin(
                    store,
                    clock,
                    faults,
                    journal,
                    metrics,
                    () -> Recordings.of(options),
                    r -> startInstant(options, r));
            adminOnceLoaded.set(admin);

            router.route().handler(new RequestLog(journal, metrics, clock));
            // Only writes carry bodies: GET and DELETE skip the body handler. A form's file parts are never written to
            // disk (create(false)); a form is refused with 415 by WriteRequest.
            router.post()
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_API_BODY))
                    .handler(door.bodyArrived());
            router.put()
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_API_BODY))
                    .handler(door.bodyArrived());
            router.route().handler(new FaultHandler(vertx, faults, store::generation));
            options.recordMode().ifPresent(mode -> router.route("/v2/access/*").handler(new Recorder(vertx, mode)));
            ApiRoutes.mount(router, store, clock);
            router.errorHandler(400, ctx -> Responses.error(ctx, 400, "BAD_REQUEST", "The request cannot be read"));
            router.errorHandler(404, ctx -> unknownRoute(ctx, 404, "ROUTE_NOT_FOUND", "No route "));
            router.errorHandler(405, ctx -> unknownRoute(ctx, 405, "METHOD_NOT_ALLOWED", "No such method on "));
            router.errorHandler(
                    413,
                    ctx -> Responses.error(
                            ctx,
                            413,
                            "PAYLOAD_TOO_LARGE",
                            "The body is larger than the fake takes (" + MAX_API_BODY + " bytes)"));
            router.errorHandler(500, FakeOfAuthServer::internalError);

            listen(server, options);
            return new FakeOfAuthServer(vertx, server, options, clock, faults, journal, admin);
        } catch (RuntimeException e) {
            vertx.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static HttpServerOptions httpOptions(FakeServerOptions options) {
        // No h2c upgrade: the JDK's HttpClient asks for it on every new plain-HTTP connection, and Vert.x's upgrade
        // answer confused it ("Frame type(110) ... exceeds MAX_FRAME_SIZE"). HTTP/1.1 serves every client. The idle
        // timeout is a backstop for connections whose request a fault leaves unanswered.
        return new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(
                        (int) Math.min(Integer.MAX_VALUE, options.idleTimeout().toMillis()));
    }

    private static void listen(HttpServer server, FakeServerOptions options) {
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + cause.getMessage(), cause);
        }
    }

    private static Instant startInstant(FakeServerOptions options, Recordings recordings) {
        return options.clockStart() instanceof FakeServerOptions.At at
                ? at.instant()
                : options.clockStart() instanceof FakeServerOptions.AtWallClock
                        ? Instant.now()
                        : recordings.recordedAt();
    }

    private static void unknownRoute(RoutingContext ctx, int status, String type, String message) {
        RequestLog.markUnmatched(ctx);
        Responses.error(
                ctx,
                status,
                type,
                message + ctx.request().method() + " " + ctx.request().path());
    }

    private static void internalError(RoutingContext ctx) {
        if (ctx.failure() instanceof InvalidRecordingsException broken) {
            // A large set's queue is read on its connection's first use: a broken one is told, file and fault.
            LOG.log(Level.WARNING, "the fake cannot serve a recording: {0}", broken.getMessage());
            if (!ctx.response().headWritten()) {
                Responses.error(
                        ctx,
                        500,
                        "FAKE_RECORDINGS_INVALID",
                        "The fake cannot serve this connection's recording: " + broken.getMessage());
            }
            return;
        }
        LOG.log(Level.WARNING, "request failed inside the fake", ctx.failure());
        if (!ctx.response().headWritten()) {
            Responses.error(ctx, 500, "INTERNAL_ERROR", "The fake failed to answer this request");
        }
    }

    /**
     * The bound port.
     *
     * @return the real port, also when started with port 0
     */
    public int port() {
        return server.actualPort();
    }

    /**
     * The base URL to give a client.
     *
     * @return {@code http://host:port}
     */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port();
    }

    /**
     * The fake's clock: move it to make messages sending or sent; hand it to the library so both agree on now.
     *
     * @return the clock
     */
    public FakeClock clock() {
        return clock;
    }

    /**
     * The faults in force; add some to make the fake misbehave on purpose.
     *
     * @return the faults
     */
    public Faults faults() {
        return faults;
    }

    /**
     * The last requests received on OFAuth's routes.
     *
     * @return the journal
     */
    public Journal journal() {
        return journal;
    }

    @Override
    public Instant now() {
        return admin.now();
    }

    @Override
    public Instant setClock(Instant instant) {
        return admin.setClock(instant);
    }

    @Override
    public Instant advanceClock(Duration by) {
        return admin.advanceClock(by);
    }

    /**
     * Back to the recordings: deletions undone, rate-limit buckets full, faults cleared, journal emptied, and the clock
     * where it would start now (the machine's time for a fake started so, the fixed or recorded start otherwise).
     */
    @Override
    public void reset() {
        admin.reset();
    }

    @Override
    public String addFault(Fault fault) {
        return admin.addFault(fault);
    }

    @Override
    public List<Faults.ActiveFault> activeFaults() {
        return admin.activeFaults();
    }

    @Override
    public boolean removeFault(String id) {
        return admin.removeFault(id);
    }

    @Override
    public void clearFaults() {
        admin.clearFaults();
    }

    @Override
    public List<Journal.Entry> requests(Journal.Query query) {
        return admin.requests(query);
    }

    @Override
    public long requestsDropped() {
        return admin.requestsDropped();
    }

    @Override
    public void clearRequests() {
        admin.clearRequests();
    }

    /**
     * Reads the recordings again (from the directory the fake was started with), checks them, and swaps them in at
     * once; on any problem the current set stays and the problem is thrown.
     *
     * @throws InvalidRecordingsException naming the file and field at fault
     */
    @Override
    public void reloadRecordings() {
        admin.reloadRecordings();
    }

    @Override
    public Optional<QueueSnapshot> queueSnapshot(String connectionId) {
        return admin.queueSnapshot(connectionId);
    }

    /** Stops the server and its Vert.x instance, waiting up to 30 s. */
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

package dev.ofauthqueue.fake.internal.admin;

import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.InvalidRecordingsException;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.fake.internal.fault.FaultJson;
import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.journal.FakeMetrics;
import dev.ofauthqueue.fake.internal.journal.JournalJson;
import dev.ofauthqueue.fake.internal.store.QueueItems;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin API: one sub-router, mounted at {@code /__admin}, serving a {@link FakeAdmin}. Described by the OpenAPI
 * document it serves at {@code /__admin/openapi.json}. Nothing here reaches OFAuth's routes, the journal or the faults
 * except through the admin interface.
 */
public final class AdminRoutes {

    /** Where the sub-router is mounted. */
    public static final String MOUNT = "/__admin";

    private static final int MAX_BODY = 64 * 1024;

    private final Supplier<FakeAdmin> admin;
    private final Buffer openApi;

    private AdminRoutes(Supplier<FakeAdmin> admin) {
        this.admin = admin;
        this.openApi = Buffer.buffer(resource("admin-openapi.json"));
    }

    /**
     * The admin sub-router.
     *
     * @param vertx its home
     * @param admin what it serves, asked for on each request (the router is built while the recordings load, before
     *     the admin exists; the server listens only after both)
     * @param metrics what clients did, served as Prometheus text
     * @param token the admin token every request must carry, if any
     * @param bodyArrived told once a request's body has arrived (the front door counts it in flight from then)
     * @return a router to mount at {@link #MOUNT}
     */
    public static Router router(
            Vertx vertx,
            Supplier<FakeAdmin> admin,
            FakeMetrics metrics,
            Optional<String> token,
            Handler<RoutingContext> bodyArrived) {
        AdminRoutes routes = new AdminRoutes(admin);
        Router router = Router.router(vertx);
        router.route().handler(new AdminGuard(token));
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(bodyArrived);
        router.get("/clock")
                .handler(ctx -> Responses.json(ctx, 200, now(admin.get().now())));
        router.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.prometheusText()));
        router.post("/clock").handler(routes::moveClock);
        router.post("/reset").handler(ctx -> {
            admin.get().reset();
            Responses.json(ctx, 200, now(admin.get().now()).put("reset", true));
        });
        router.get("/connections/:connectionId/queue").handler(routes::queue);
        router.get("/faults").handler(ctx -> {
            JsonArray faults = new JsonArray();
            admin.get().activeFaults().forEach(f -> faults.add(FaultJson.toJson(f)));
            Responses.json(ctx, 200, new JsonObject().put("faults", faults));
        });
        router.post("/faults").handler(routes::addFault);
        router.delete("/faults").handler(ctx -> {
            admin.get().clearFaults();
            Responses.json(ctx, 200, new JsonObject().put("cleared", true));
        });
        router.delete("/faults/:id").handler(ctx -> {
            String id = ctx.pathParam("id");
            if (admin.get().removeFault(id)) {
                Responses.json(ctx, 200, new JsonObject().put("removed", id));
            } else {
                Responses.error(ctx, 404, "RESOURCE_NOT_FOUND", "No fault " + id);
            }
        });
        router.get("/requests").handler(routes::requests);
        router.delete("/requests").handler(ctx -> {
            admin.get().clearRequests();
            Responses.json(ctx, 200, new JsonObject().put("cleared", true));
        });
        router.post("/recordings/reload").handler(routes::reload);
        router.get("/openapi.json").handler(ctx -> Responses.json(ctx, 200, routes.openApi));
        return router;
    }

    private static JsonObject now(Instant now) {
        return new JsonObject().put("now", now.toString());
    }

    private static Optional<JsonObject> body(RoutingContext ctx) {
        try {
            String raw = ctx.body() == null ? null : ctx.body().asString();
            return Optional.of(new JsonObject(raw == null ? "" : raw));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private void moveClock(RoutingContext ctx) {
        Optional<JsonObject> parsed = body(ctx);
        if (parsed.isEmpty()) {
            Responses.error(
                    ctx,
                    400,
                    "BAD_REQUEST",
                    "The body must be {\"advanceSeconds\": N} or {\"now\": \"<ISO instant>\"}");
            return;
        }
        JsonObject body = parsed.get();
        Object advance = body.getValue("advanceSeconds");
        Object now = body.getValue("now");
        if ((advance == null) == (now == null)) {
            Responses.error(ctx, 400, "BAD_REQUEST", "Send exactly one of advanceSeconds and now");
            return;
        }
        try {
            if (advance != null) {
                long seconds = wholeSeconds(advance);
                admin.get().advanceClock(Duration.ofSeconds(seconds));
            } else {
                Optional<Instant> at = now instanceof String s ? parse(s) : Optional.empty();
                if (at.isEmpty()) {
                    Responses.error(ctx, 400, "BAD_REQUEST", "now must be an ISO instant such as 2026-11-01T12:00:00Z");
                    return;
                }
                admin.get().setClock(at.get());
            }
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            Responses.error(ctx, 400, "BAD_REQUEST", e.getMessage());
            return;
        }
        Responses.json(ctx, 200, now(admin.get().now()));
    }

    /** The clock's whole window in seconds: no move can be longer. */
    private static final long WINDOW_SECONDS =
            Duration.between(FakeClock.EARLIEST, FakeClock.LATEST).toSeconds();

    /** {@code advanceSeconds} as a whole number of seconds no longer than the clock's window, either way. */
    private static long wholeSeconds(Object advance) {
        BigDecimal value;
        try {
            value = advance instanceof Number n ? new BigDecimal(n.toString()) : null;
        } catch (NumberFormatException infinite) {
            value = null;
        }
        if (value == null
                || value.stripTrailingZeros().scale() > 0
                || value.abs().compareTo(BigDecimal.valueOf(WINDOW_SECONDS)) > 0) {
            throw new IllegalArgumentException(
                    "advanceSeconds must be a whole number from -" + WINDOW_SECONDS + " to " + WINDOW_SECONDS
                            + " (the clock stays from " + FakeClock.EARLIEST + " to " + FakeClock.LATEST + ")");
        }
        return value.longValueExact();
    }

    private static Optional<Instant> parse(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.ofNullable(QueueItems.parseDate(s));
        }
    }

    private void queue(RoutingContext ctx) {
        Optional<QueueSnapshot> snapshot = admin.get().queueSnapshot(ctx.pathParam("connectionId"));
        if (snapshot.isEmpty()) {
            Responses.error(ctx, 404, "RESOURCE_NOT_FOUND", "No such connection in the recordings");
            return;
        }
        Responses.json(ctx, 200, QueueSnapshotJson.toJson(snapshot.get()));
    }

    private void addFault(RoutingContext ctx) {
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            Responses.error(ctx, 400, "BAD_REQUEST", "the body must be a JSON object describing a fault");
            return;
        }
        try {
            String id = admin.get().addFault(FaultJson.fromJson(body.get()));
            Responses.json(ctx, 201, new JsonObject().put("id", id));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "BAD_REQUEST", e.getMessage());
        }
    }

    private void requests(RoutingContext ctx) {
        Journal.Query query = Journal.query();
        try {
            single(ctx, "method").ifPresent(query::method);
            single(ctx, "path").ifPresent(query::path);
            single(ctx, "connection").ifPresent(query::connection);
            Optional<String> faulted = single(ctx, "faulted");
            if (faulted.isPresent()) {
                if (!faulted.get().equals("true") && !faulted.get().equals("false")) {
                    throw new IllegalArgumentException("faulted must be true or false");
                }
                query.faulted(Boolean.parseBoolean(faulted.get()));
            }
            Optional<String> status = single(ctx, "status");
            if (status.isPresent()) {
                query.status(Integer.parseInt(status.get()));
            }
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, "BAD_REQUEST", "Bad journal query: " + e.getMessage());
            return;
        }
        JsonArray found = new JsonArray();
        admin.get().requests(query).forEach(e -> found.add(JournalJson.toJson(e)));
        Responses.json(
                ctx,
                200,
                new JsonObject()
                        .put("count", found.size())
                        .put("dropped", admin.get().requestsDropped())
                        .put("requests", found));
    }

    private static Optional<String> single(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private void reload(RoutingContext ctx) {
        // Reading files is blocking work: off the event loop.
        ctx.vertx()
                .<Void>executeBlocking(() -> {
                    admin.get().reloadRecordings();
                    return null;
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        Responses.json(ctx, 200, now(admin.get().now()).put("reloaded", true));
                    } else if (done.cause() instanceof InvalidRecordingsException e) {
                        Responses.error(
                                ctx,
                                422,
                                "INVALID_RECORDINGS",
                                "Recordings not reloaded, the current set stays: " + e.getMessage());
                    } else {
                        ctx.fail(done.cause());
                    }
                });
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

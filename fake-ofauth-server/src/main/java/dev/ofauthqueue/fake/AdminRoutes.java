package dev.ofauthqueue.fake;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The admin API under {@code /__admin}: no authentication (the fake listens on loopback by default). Described by
 * the OpenAPI document it serves at {@code /__admin/openapi.json}.
 */
final class AdminRoutes {

    private final FakeState state;
    private final FakeClock clock;
    private final Faults faults;
    private final Journal journal;
    private final Runnable resetAll;
    private final Runnable reload;
    private final String openApi;

    AdminRoutes(FakeState state, FakeClock clock, Faults faults, Journal journal, Runnable resetAll, Runnable reload) {
        this.state = state;
        this.clock = clock;
        this.faults = faults;
        this.journal = journal;
        this.resetAll = resetAll;
        this.reload = reload;
        this.openApi = resource("admin-openapi.json");
    }

    void install(Router router) {
        router.get("/__admin/clock").handler(ctx -> Errors.json(ctx, 200, now().encode()));
        router.post("/__admin/clock").handler(this::setClock);
        router.post("/__admin/reset").handler(ctx -> {
            resetAll.run();
            Errors.json(ctx, 200, now().put("reset", true).encode());
        });
        router.get("/__admin/connections/:connectionId/queue").handler(this::queue);
        router.get("/__admin/faults")
                .handler(ctx -> Errors.json(
                        ctx,
                        200,
                        new JsonObject().put("faults", faults.toJson()).encode()));
        router.post("/__admin/faults").handler(this::addFault);
        router.delete("/__admin/faults").handler(ctx -> {
            faults.clear();
            Errors.json(ctx, 200, new JsonObject().put("cleared", true).encode());
        });
        router.delete("/__admin/faults/:id").handler(ctx -> {
            if (faults.remove(ctx.pathParam("id"))) {
                Errors.json(
                        ctx,
                        200,
                        new JsonObject().put("removed", ctx.pathParam("id")).encode());
            } else {
                Errors.send(ctx, 404, "RESOURCE_NOT_FOUND", "No fault " + ctx.pathParam("id"));
            }
        });
        router.get("/__admin/requests").handler(this::requests);
        router.delete("/__admin/requests").handler(ctx -> {
            journal.clear();
            Errors.json(ctx, 200, new JsonObject().put("cleared", true).encode());
        });
        router.post("/__admin/recordings/reload").handler(this::reload);
        router.get("/__admin/openapi.json").handler(ctx -> Errors.json(ctx, 200, openApi));
    }

    private JsonObject now() {
        return new JsonObject().put("now", clock.instant().toString());
    }

    private static Optional<JsonObject> body(RoutingContext ctx) {
        try {
            String raw = ctx.body() == null ? null : ctx.body().asString();
            return Optional.of(new JsonObject(raw == null ? "" : raw));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private void setClock(RoutingContext ctx) {
        Optional<JsonObject> parsed = body(ctx);
        if (parsed.isEmpty()) {
            Errors.send(
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
            Errors.send(ctx, 400, "BAD_REQUEST", "Send exactly one of advanceSeconds and now");
            return;
        }
        if (advance != null) {
            if (!(advance instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                Errors.send(ctx, 400, "BAD_REQUEST", "advanceSeconds must be a whole number");
                return;
            }
            clock.advance(Duration.ofSeconds(n.longValue()));
        } else {
            Optional<Instant> at = now instanceof String s ? parse(s) : Optional.empty();
            if (at.isEmpty()) {
                Errors.send(ctx, 400, "BAD_REQUEST", "now must be an ISO instant such as 2026-11-01T12:00:00Z");
                return;
            }
            clock.set(at.get());
        }
        Errors.json(ctx, 200, now().encode());
    }

    private static Optional<Instant> parse(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.ofNullable(QueueItems.parseDate(s));
        }
    }

    private void queue(RoutingContext ctx) {
        Optional<FakeState.Queue> q = state.queue(ctx.pathParam("connectionId"));
        if (q.isEmpty()) {
            Errors.send(ctx, 404, "RESOURCE_NOT_FOUND", "No such connection in the recordings");
            return;
        }
        Errors.json(ctx, 200, state.snapshot(q.get()).encode());
    }

    private void addFault(RoutingContext ctx) {
        Optional<JsonObject> body = body(ctx);
        try {
            String id = faults.add(Fault.fromJson(body.orElse(null)));
            Errors.json(ctx, 201, new JsonObject().put("id", id).encode());
        } catch (IllegalArgumentException e) {
            Errors.send(ctx, 400, "BAD_REQUEST", e.getMessage());
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
            Errors.send(ctx, 400, "BAD_REQUEST", "Bad journal query: " + e.getMessage());
            return;
        }
        var found = journal.toJson(query);
        Errors.json(
                ctx,
                200,
                new JsonObject()
                        .put("count", found.size())
                        .put("requests", found)
                        .encode());
    }

    private static Optional<String> single(RoutingContext ctx, String name) {
        var values = ctx.queryParam(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private void reload(RoutingContext ctx) {
        // Reading files is blocking work: off the event loop.
        ctx.vertx()
                .<Void>executeBlocking(() -> {
                    reload.run();
                    return null;
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        Errors.json(ctx, 200, now().put("reloaded", true).encode());
                    } else if (done.cause() instanceof InvalidRecordingsException e) {
                        Errors.send(
                                ctx,
                                422,
                                "INVALID_RECORDINGS",
                                "Recordings not reloaded, the current set stays: " + e.getMessage());
                    } else {
                        ctx.fail(done.cause());
                    }
                });
    }

    private static String resource(String name) {
        try (InputStream in = AdminRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ofauthqueue.fake;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The admin API under {@code /__admin}: no authentication (the fake listens on loopback by default). */
final class AdminRoutes {

    private final FakeState state;
    private final FakeClock clock;

    AdminRoutes(FakeState state, FakeClock clock) {
        this.state = state;
        this.clock = clock;
    }

    void install(Router router) {
        router.get("/__admin/clock").handler(ctx -> Errors.json(ctx, 200, now().encode()));
        router.post("/__admin/clock").handler(this::setClock);
        router.post("/__admin/reset").handler(ctx -> {
            state.reset();
            Errors.json(ctx, 200, now().put("reset", true).encode());
        });
        router.get("/__admin/connections/:connectionId/queue").handler(this::queue);
    }

    private JsonObject now() {
        return new JsonObject().put("now", clock.instant().toString());
    }

    private void setClock(RoutingContext ctx) {
        JsonObject body;
        try {
            body = new JsonObject(ctx.body() == null || ctx.body().asString() == null ? "" : ctx.body().asString());
        } catch (DecodeException | ClassCastException e) {
            Errors.send(ctx, 400, "BAD_REQUEST", "The body must be {\"advanceSeconds\": N} or {\"now\": \"<ISO instant>\"}");
            return;
        }
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
}

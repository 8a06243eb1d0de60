package dev.ofauthqueue.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The OFAuth routes under {@code /v2/access}: authentication, rate limiting, then the mass-message endpoints.
 * Header names are matched case-insensitively (Vert.x headers are).
 */
final class ApiRoutes {

    static final String BASE = "/v2/access/mass-messages";
    private static final String QUEUE_KEY = "ofauth.queue";
    private static final Set<String> LIST_TYPES = Set.of("scheduled", "sent", "unsent");
    private static final int MAX_TEXT = 10_000;
    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(200);

    private final FakeState state;
    private final FakeClock clock;

    ApiRoutes(FakeState state, FakeClock clock) {
        this.state = state;
        this.clock = clock;
    }

    void install(Router router) {
        router.route("/v2/access/*").handler(this::authenticate);
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::create);
        router.delete(BASE + "/scheduled/:id").handler(ctx -> delete(ctx, false));
        router.get(BASE + "/:id").handler(this::getOne);
        router.put(BASE + "/:id").handler(this::update);
        router.delete(BASE + "/:id").handler(ctx -> delete(ctx, true));
    }

    // ---- authentication and rate limiting ----------------------------------------------------------------------

    private void authenticate(RoutingContext ctx) {
        Errors.requestId(ctx);
        String apiKey = ctx.request().getHeader("apiKey");
        if (apiKey == null || apiKey.isBlank() || !state.knowsApiKey(apiKey)) {
            Errors.send(
                    ctx,
                    401,
                    "UNAUTHORIZED",
                    apiKey == null || apiKey.isBlank()
                            ? "Missing API key: send it in the apiKey header"
                            : "Invalid API key");
            return;
        }
        String connectionId = ctx.request().getHeader("x-connection-id");
        Optional<FakeState.Queue> queue = state.connection(apiKey, connectionId);
        if (queue.isEmpty()) {
            Errors.send(
                    ctx,
                    401,
                    "SESSION_NOT_PROVIDED",
                    connectionId == null || connectionId.isBlank()
                            ? "Missing connection: send it in the x-connection-id header"
                            : "Unknown connection for this API key");
            return;
        }
        FakeState.Queue q = queue.get();
        if (q.connection.expired()) {
            Errors.send(ctx, 401, "SESSION_EXPIRED", "The session of this connection has expired", "refresh_session");
            return;
        }
        Optional<TokenBucket.Verdict> verdict = state.takeToken(q);
        if (verdict.isPresent()) {
            TokenBucket.Verdict v = verdict.get();
            ctx.response()
                    .putHeader("X-RateLimit-Limit", Integer.toString(v.limit()))
                    .putHeader("X-RateLimit-Remaining", Integer.toString(v.remaining()))
                    .putHeader("X-RateLimit-Reset", Long.toString(v.resetEpochSecond()));
            if (!v.allowed()) {
                ctx.response().putHeader("Retry-After", Long.toString(v.retryAfterSeconds()));
                Errors.send(
                        ctx,
                        429,
                        "RATE_LIMIT_EXCEEDED",
                        "Rate limit exceeded: retry in " + v.retryAfterSeconds() + " s");
                return;
            }
        }
        ctx.put(QUEUE_KEY, q);
        ctx.next();
    }

    private static FakeState.Queue queue(RoutingContext ctx) {
        return ctx.get(QUEUE_KEY);
    }

    private static boolean permitted(RoutingContext ctx, String permission) {
        if (queue(ctx).connection.permissions().contains(permission)) {
            return true;
        }
        Errors.send(ctx, 403, "FORBIDDEN", "This connection lacks the permission " + permission);
        return false;
    }

    /** The {@code :id} of a request the connection may make, or empty with the 403 or 400 already sent. */
    private static Optional<Long> permittedId(RoutingContext ctx, String permission) {
        return permitted(ctx, permission) ? id(ctx) : Optional.empty();
    }

    /** The {@code :id} path segment as a positive long, or a 400 sent and empty. */
    private static Optional<Long> id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            Errors.send(ctx, 400, "BAD_REQUEST", "massMessageId must be a positive integer");
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        Errors.send(ctx, 400, "BAD_REQUEST", "massMessageId must be a positive integer");
        return Optional.empty();
    }

    // ---- routes ------------------------------------------------------------------------------------------------

    private void list(RoutingContext ctx) {
        if (!permitted(ctx, "messages:read")) {
            return;
        }
        Optional<Integer> limit = intParam(ctx, "limit", 10, 1, 20);
        Optional<Integer> offset =
                limit.isEmpty() ? Optional.empty() : intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        if (offset.isEmpty()) {
            return;
        }
        String type = single(ctx, "type");
        if (type != null && !LIST_TYPES.contains(type)) {
            Errors.send(ctx, 400, "BAD_REQUEST", "type must be one of scheduled, sent, unsent");
            return;
        }
        Errors.json(ctx, 200, state.listPage(queue(ctx), type, offset.get(), limit.get()));
    }

    private static String single(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static Optional<Integer> intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String raw = single(ctx, name);
        if (raw == null) {
            return Optional.of(dflt);
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        Errors.send(
                ctx,
                400,
                "BAD_REQUEST",
                name + " must be an integer from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        return Optional.empty();
    }

    private void getOne(RoutingContext ctx) {
        Optional<Long> id = permittedId(ctx, "messages:read");
        if (id.isEmpty()) {
            return;
        }
        Optional<Buffer> item = state.getEncoded(queue(ctx), id.get());
        if (item.isEmpty()) {
            Errors.send(ctx, 404, "RESOURCE_NOT_FOUND", "Mass message not found");
            return;
        }
        Errors.json(ctx, 200, item.get());
    }

    private void delete(RoutingContext ctx, boolean genericRoute) {
        Optional<Long> id = permittedId(ctx, "messages:write");
        if (id.isEmpty()) {
            return;
        }
        FakeState.DeleteResult result = state.delete(queue(ctx), id.get(), genericRoute);
        switch (result.result()) {
            case DELETED ->
                Errors.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("success", true)
                                .put("queue", result.item())
                                .encode());
            case NOT_FOUND -> Errors.send(ctx, 404, "RESOURCE_NOT_FOUND", "Mass message not found");
            case TOO_LATE ->
                Errors.send(
                        ctx,
                        400,
                        "BAD_REQUEST",
                        result.state() == QueueItems.State.SENDING
                                ? "Mass message is being sent and can no longer be deleted"
                                : "Mass message was already sent and can no longer be deleted");
        }
    }

    private void create(RoutingContext ctx) {
        if (!permitted(ctx, "messages:write")) {
            return;
        }
        Optional<WriteRequest> request = WriteRequest.read(ctx, clock.instant());
        if (request.isEmpty()) {
            return;
        }
        WriteRequest w = request.get();
        Instant now = clock.instant();
        Instant date = w.scheduledDate().orElse(now);
        JsonObject item = w.applyTo(NewItems.blank(now), now);
        item.put("date", QueueItems.formatDate(date));
        long id = state.create(queue(ctx), item);
        Errors.json(
                ctx,
                200,
                jobSummary(id, date, queue(ctx).connection.audienceSize()).encode());
    }

    private void update(RoutingContext ctx) {
        Optional<Long> id = permittedId(ctx, "messages:write");
        if (id.isEmpty()) {
            return;
        }
        Optional<QueueItems.State> current = state.stateOf(queue(ctx), id.get());
        if (current.isEmpty()) {
            Errors.send(ctx, 404, "RESOURCE_NOT_FOUND", "Mass message not found");
            return;
        }
        if (current.get() != QueueItems.State.SCHEDULED) {
            Errors.send(
                    ctx,
                    400,
                    "BAD_REQUEST",
                    "Only a scheduled mass message can be changed; this one is "
                            + current.get().name().toLowerCase(Locale.ROOT));
            return;
        }
        Optional<WriteRequest> request = WriteRequest.read(ctx, clock.instant());
        if (request.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Optional<JsonObject> updated = state.update(queue(ctx), id.get(), item -> {
            JsonObject changed = request.get().applyTo(item, now);
            request.get().scheduledDate().ifPresent(d -> changed.put("date", QueueItems.formatDate(d)));
            return changed;
        });
        if (updated.isEmpty()) {
            Errors.send(ctx, 404, "RESOURCE_NOT_FOUND", "Mass message not found");
            return;
        }
        Instant date = QueueItems.sendTime(updated.get());
        Errors.json(
                ctx,
                200,
                jobSummary(
                                id.get(),
                                date == null ? now : date,
                                queue(ctx).connection.audienceSize())
                        .encode());
    }

    /** The job summary that create and update answer (API-NOTES.md). */
    private static JsonObject jobSummary(long id, Instant date, long audience) {
        return new JsonObject()
                .put("id", id)
                .put("date", QueueItems.formatDate(date))
                .put("isReady", true)
                .put("isDone", false)
                .put("total", audience)
                .put("pending", audience)
                .put("canUnsend", false)
                .put("unsendSeconds", 0)
                .put("hasError", false)
                .put("isCanceled", false)
                .put("isCouplePeopleMedia", false);
    }

    /** The validated body of POST and PUT. */
    record WriteRequest(
            Optional<String> text,
            Optional<BigDecimal> price,
            Optional<Boolean> lockedText,
            Optional<Instant> scheduledDate,
            Optional<Integer> mediaCount) {

        static Optional<WriteRequest> read(RoutingContext ctx, Instant now) {
            JsonObject body;
            try {
                String raw = ctx.body() == null ? null : ctx.body().asString();
                body = raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
            } catch (DecodeException | ClassCastException e) {
                Errors.send(ctx, 400, "BAD_REQUEST", "The body must be a JSON object");
                return Optional.empty();
            }
            Object text = body.getValue("text");
            if (text != null && !(text instanceof String)) {
                return bad(ctx, "text must be a string");
            }
            if (text instanceof String s && s.length() > MAX_TEXT) {
                return bad(ctx, "text must be at most " + MAX_TEXT + " characters, was " + s.length());
            }
            Object price = body.getValue("price");
            BigDecimal amount = null;
            if (price != null) {
                if (!(price instanceof Number n)) {
                    return bad(ctx, "price must be a number from 0 to 200");
                }
                amount = new BigDecimal(n.toString());
                if (amount.signum() < 0 || amount.compareTo(MAX_PRICE) > 0) {
                    return bad(ctx, "price must be a number from 0 to 200, was " + amount.toPlainString());
                }
            }
            Object locked = body.getValue("isLockedText");
            if (locked != null && !(locked instanceof Boolean)) {
                return bad(ctx, "isLockedText must be a boolean");
            }
            Object date = body.getValue("scheduledDate");
            Instant when = null;
            if (date != null) {
                when = date instanceof String s ? QueueItems.parseDate(s) : null;
                if (when == null) {
                    return bad(ctx, "scheduledDate must be an ISO-8601 date-time with an offset");
                }
                if (!when.isAfter(now)) {
                    return bad(ctx, "scheduledDate must be in the future");
                }
            }
            Object media = body.getValue("mediaItems");
            Integer mediaCount = null;
            if (media != null) {
                if (!(media instanceof JsonArray a)) {
                    return bad(ctx, "mediaItems must be an array");
                }
                mediaCount = a.size();
            }
            return Optional.of(new WriteRequest(
                    Optional.ofNullable((String) text),
                    Optional.ofNullable(amount),
                    Optional.ofNullable((Boolean) locked),
                    Optional.ofNullable(when),
                    Optional.ofNullable(mediaCount)));
        }

        private static Optional<WriteRequest> bad(RoutingContext ctx, String message) {
            Errors.send(ctx, 400, "BAD_REQUEST", message);
            return Optional.empty();
        }

        JsonObject applyTo(JsonObject item, Instant now) {
            text.ifPresent(t ->
                    item.put("text", t).put("textCropped", t.length() <= 40 ? t : t.substring(0, 37) + "..."));
            price.ifPresent(p -> {
                boolean paid = p.signum() > 0;
                item.put("price", p.setScale(2, RoundingMode.HALF_UP).toPlainString())
                        .put("isFree", !paid)
                        .put("canPurchase", paid)
                        .put("canPurchaseReason", paid ? "purchase" : "free");
            });
            lockedText.ifPresent(l -> item.put("lockedText", l));
            mediaCount.ifPresent(n -> item.put("mediaCount", n));
            item.put("changedAt", QueueItems.formatDate(now));
            return item;
        }
    }
}

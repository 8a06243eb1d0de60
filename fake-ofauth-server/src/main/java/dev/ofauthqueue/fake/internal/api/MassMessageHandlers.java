package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.store.ConnectionQueue;
import dev.ofauthqueue.fake.internal.store.DeleteResult;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import dev.ofauthqueue.fake.internal.store.QueueItems;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The mass-message endpoints, each answering as OFAuth does (API-NOTES.md), for an authenticated connection. */
final class MassMessageHandlers {

    private static final Set<String> LIST_TYPES = Set.of("scheduled", "sent", "unsent");

    private final FakeStore store;
    private final FakeClock clock;

    MassMessageHandlers(FakeStore store, FakeClock clock) {
        this.store = store;
        this.clock = clock;
    }

    void list(RoutingContext ctx) {
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
            Responses.error(ctx, 400, "BAD_REQUEST", "type must be one of scheduled, sent, unsent");
            return;
        }
        Responses.json(ctx, 200, store.listPage(Authentication.connection(ctx), type, offset.get(), limit.get()));
    }

    void getOne(RoutingContext ctx) {
        Optional<Long> id = permittedId(ctx, "messages:read");
        if (id.isEmpty()) {
            return;
        }
        Optional<Buffer> item = store.getEncoded(Authentication.connection(ctx), id.get());
        if (item.isEmpty()) {
            notFound(ctx);
            return;
        }
        Responses.json(ctx, 200, item.get());
    }

    void delete(RoutingContext ctx, boolean genericRoute) {
        Optional<Long> id = permittedId(ctx, "messages:write");
        if (id.isEmpty()) {
            return;
        }
        DeleteResult result = store.delete(Authentication.connection(ctx), id.get(), genericRoute);
        switch (result.result()) {
            case DELETED ->
                Responses.json(ctx, 200, new JsonObject().put("success", true).put("queue", result.item()));
            case NOT_FOUND -> notFound(ctx);
            case TOO_LATE ->
                Responses.error(
                        ctx,
                        400,
                        "BAD_REQUEST",
                        result.state() == QueueItems.State.SENDING
                                ? "Mass message is being sent and can no longer be deleted"
                                : "Mass message was already sent and can no longer be deleted");
        }
    }

    void create(RoutingContext ctx) {
        if (!permitted(ctx, "messages:write")) {
            return;
        }
        Instant now = clock.instant();
        Optional<WriteRequest> request = WriteRequest.read(ctx, now);
        if (request.isEmpty()) {
            return;
        }
        Instant date = request.get().scheduledDate().orElse(now);
        ConnectionQueue q = Authentication.connection(ctx);
        long id = store.create(q, item -> request.get().applyTo(item, now).put("date", QueueItems.formatDate(date)));
        Responses.json(ctx, 200, jobSummary(id, date, q.audienceSize()));
    }

    void update(RoutingContext ctx) {
        Optional<Long> id = permittedId(ctx, "messages:write");
        if (id.isEmpty()) {
            return;
        }
        ConnectionQueue q = Authentication.connection(ctx);
        Optional<QueueItems.State> current = store.stateOf(q, id.get());
        if (current.isEmpty()) {
            notFound(ctx);
            return;
        }
        if (current.get() != QueueItems.State.SCHEDULED) {
            Responses.error(
                    ctx,
                    400,
                    "BAD_REQUEST",
                    "Only a scheduled mass message can be changed; this one is "
                            + current.get().name().toLowerCase(Locale.ROOT));
            return;
        }
        Instant now = clock.instant();
        Optional<WriteRequest> request = WriteRequest.read(ctx, now);
        if (request.isEmpty()) {
            return;
        }
        Optional<JsonObject> updated =
                store.update(q, id.get(), item -> request.get().applyTo(item, now));
        if (updated.isEmpty()) {
            notFound(ctx);
            return;
        }
        Instant date = QueueItems.sendTime(updated.get());
        Responses.json(ctx, 200, jobSummary(id.get(), date == null ? now : date, q.audienceSize()));
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

    private static void notFound(RoutingContext ctx) {
        Responses.error(ctx, 404, "RESOURCE_NOT_FOUND", "Mass message not found");
    }

    private static boolean permitted(RoutingContext ctx, String permission) {
        if (Authentication.connection(ctx).permits(permission)) {
            return true;
        }
        Responses.error(ctx, 403, "FORBIDDEN", "This connection lacks the permission " + permission);
        return false;
    }

    /** The {@code :id} of a request the connection may make, or empty with the 403 or 400 already sent. */
    private static Optional<Long> permittedId(RoutingContext ctx, String permission) {
        return permitted(ctx, permission) ? id(ctx) : Optional.empty();
    }

    /**
     * The {@code :id} path segment as a positive long, or a 400 sent and empty. An id has one accepted form: decimal
     * digits without a leading zero, as sent ({@code 05002} and {@code %35002} are refused, not read as 5002).
     */
    private static Optional<Long> id(RoutingContext ctx) {
        String path = ctx.request().path();
        String raw = path.substring(path.lastIndexOf('/') + 1);
        if (raw != null
                && !raw.isEmpty()
                && raw.length() <= 19
                && raw.charAt(0) != '0'
                && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                long id = Long.parseLong(raw);
                if (id > 0) {
                    return Optional.of(id);
                }
            } catch (NumberFormatException e) {
                // falls through to the 400 below
            }
        }
        Responses.error(
                ctx, 400, "BAD_REQUEST", "massMessageId must be a positive integer written without leading zeros");
        return Optional.empty();
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
        Responses.error(
                ctx,
                400,
                "BAD_REQUEST",
                name + " must be an integer from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        return Optional.empty();
    }
}

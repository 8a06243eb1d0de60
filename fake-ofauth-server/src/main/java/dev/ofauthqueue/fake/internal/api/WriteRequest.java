package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.store.QueueItems;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * The body of a create (POST) or an update (PUT), validated: a field of the wrong type or value answers 400
 * {@code BAD_REQUEST} naming it, and nothing changes.
 */
record WriteRequest(
        Optional<String> text,
        Optional<BigDecimal> price,
        Optional<Boolean> lockedText,
        Optional<Instant> scheduledDate,
        Optional<Integer> mediaCount) {

    static final int MAX_TEXT = 10_000;
    static final BigDecimal MAX_PRICE = BigDecimal.valueOf(200);

    /** The validated body, or empty with the 400 already sent. */
    static Optional<WriteRequest> read(RoutingContext ctx, Instant now) {
        JsonObject body;
        try {
            String raw = ctx.body() == null ? null : ctx.body().asString();
            body = raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
        } catch (DecodeException | ClassCastException e) {
            return bad(ctx, "The body must be a JSON object");
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
        Responses.error(ctx, 400, "BAD_REQUEST", message);
        return Optional.empty();
    }

    /** Writes what the request gave into {@code item}, stamping {@code changedAt} with {@code now}. */
    JsonObject applyTo(JsonObject item, Instant now) {
        text.ifPresent(t -> item.put("text", t).put("textCropped", t.length() <= 40 ? t : t.substring(0, 37) + "..."));
        price.ifPresent(p -> {
            boolean paid = p.signum() > 0;
            item.put("price", p.setScale(2, RoundingMode.HALF_UP).toPlainString())
                    .put("isFree", !paid)
                    .put("canPurchase", paid)
                    .put("canPurchaseReason", paid ? "purchase" : "free");
        });
        lockedText.ifPresent(l -> item.put("lockedText", l));
        mediaCount.ifPresent(n -> item.put("mediaCount", n));
        scheduledDate.ifPresent(d -> item.put("date", QueueItems.formatDate(d)));
        item.put("changedAt", QueueItems.formatDate(now));
        return item;
    }
}

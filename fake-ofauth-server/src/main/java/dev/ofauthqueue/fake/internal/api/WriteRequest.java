package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.store.QueueItems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of a create (POST) or an update (PUT), validated as OFAuth's schema ({@code MassMessageWriteRequest} in
 * the OpenAPI description) says, in the fake's own code: a field of the wrong type or out of range answers 400
 * {@code BAD_REQUEST} naming it, and nothing changes. Fields the schema does not name are ignored, as OFAuth ignores
 * them. Beyond the schema, the fake requires a {@code scheduledDate} to be an ISO-8601 date-time with an offset in the
 * future, with a four-digit year.
 */
record WriteRequest(
        Optional<String> text,
        Optional<BigDecimal> price,
        Optional<Boolean> lockedText,
        Optional<Instant> scheduledDate,
        Optional<Integer> mediaCount) {

    static final int MAX_TEXT = 10_000;
    static final BigDecimal MAX_PRICE = BigDecimal.valueOf(200);
    /** The latest date OFAuth's format writes: ISO-8601 with a four-digit year. */
    static final Instant LATEST_DATE = Instant.parse("9999-12-31T23:59:59Z");

    /** A field that is not as the schema says. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The validated body, or empty with the 400 already sent. A form (a multipart or URL-encoded body) answers 415
     * {@code UNSUPPORTED_MEDIA_TYPE}: its fields are not a JSON body, and reading them as none would create a message
     * of defaults. Other content types are read as JSON, as OFAuth documents no other.
     */
    static Optional<WriteRequest> read(RoutingContext ctx, Instant now) {
        if (isForm(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            Responses.error(
                    ctx,
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "A write takes a JSON body (Content-Type: application/json), not a form");
            return Optional.empty();
        }
        try {
            return Optional.of(validated(body(ctx), now));
        } catch (Invalid e) {
            Responses.error(ctx, 400, "BAD_REQUEST", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
    }

    private static JsonObject body(RoutingContext ctx) throws Invalid {
        try {
            String raw = ctx.body() == null ? null : ctx.body().asString();
            return raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
        } catch (DecodeException | ClassCastException e) {
            throw new Invalid("The body must be a JSON object");
        }
    }

    static WriteRequest validated(JsonObject body, Instant now) throws Invalid {
        for (String flag : List.of("isForwardedMessage", "isLockedText", "isMarkdown")) {
            Object v = body.getValue(flag);
            if (v != null && !(v instanceof Boolean)) {
                throw new Invalid(flag + " must be a boolean or null");
            }
        }
        Object text = body.getValue("text");
        if (body.containsKey("text") && !(text instanceof String)) {
            throw new Invalid("text must be a string (null is not allowed)");
        }
        if (text instanceof String s && s.length() > MAX_TEXT) {
            throw new Invalid("text must be at most " + MAX_TEXT + " characters, was " + s.length());
        }
        BigDecimal price = null;
        Object rawPrice = body.getValue("price");
        if (rawPrice != null) {
            price = decimal(rawPrice);
            if (price == null || price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
                throw new Invalid("price must be a number from 0 to 200 or null");
            }
        }
        Object preview = body.getValue("previewMediaCount");
        if (preview != null && signOfWhole(preview) < 0) {
            throw new Invalid("previewMediaCount must be a whole number of 0 or more, or null");
        }
        Integer mediaCount = null;
        if (body.containsKey("mediaItems")) {
            mediaCount = idsOrNames(body, "mediaItems").size();
        }
        for (String list : List.of("userIds", "userLists", "excludeUserLists")) {
            if (body.containsKey(list)) {
                idsOrNames(body, list);
            }
        }
        if (body.containsKey("userTags")) {
            positiveIds(body.getValue("userTags"), "userTags");
        }
        if (body.containsKey("releaseForms")) {
            if (!(body.getValue("releaseForms") instanceof JsonObject forms)) {
                throw new Invalid("releaseForms must be an object of users, partners and guests");
            }
            for (String group : List.of("users", "partners", "guests")) {
                if (forms.containsKey(group)) {
                    positiveIds(forms.getValue(group), "releaseForms." + group);
                }
            }
        }
        Object subscribed = body.getValue("subscribedAfterDate");
        if (subscribed != null && !(subscribed instanceof String)) {
            throw new Invalid("subscribedAfterDate must be a string or null");
        }
        Instant when = null;
        Object date = body.getValue("scheduledDate");
        if (date != null) {
            when = date instanceof String s ? QueueItems.parseDate(s) : null;
            if (when == null) {
                throw new Invalid("scheduledDate must be an ISO-8601 date-time with an offset, or null");
            }
            if (!when.isAfter(now)) {
                throw new Invalid("scheduledDate must be in the future");
            }
            if (when.isAfter(LATEST_DATE)) {
                throw new Invalid("scheduledDate must have a four-digit year (at most " + LATEST_DATE + ")");
            }
        }
        Boolean locked = body.getValue("isLockedText") instanceof Boolean b ? b : null;
        return new WriteRequest(
                Optional.ofNullable((String) text),
                Optional.ofNullable(price),
                Optional.ofNullable(locked),
                Optional.ofNullable(when),
                Optional.ofNullable(mediaCount));
    }

    /** A JSON number as a decimal; null for anything else, infinities and NaN included. */
    private static BigDecimal decimal(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? BigDecimal.valueOf(f) : null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return null;
    }

    /** A JSON number with no fraction (JSON Schema's integer, {@code 5.0} included); null for anything else. */
    private static BigInteger wholeNumber(Object value) {
        BigDecimal d = decimal(value);
        if (d == null) {
            return null;
        }
        try {
            return d.stripTrailingZeros().toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            return null;
        }
    }

    /** The sign of a whole number (-1, 0, 1), or -1 for anything that is not a whole number. */
    private static int signOfWhole(Object value) {
        BigInteger n = wholeNumber(value);
        return n == null ? -1 : n.signum();
    }

    /** An array of positive whole numbers or non-empty strings (ids, upload references, URLs). */
    private static JsonArray idsOrNames(JsonObject body, String field) throws Invalid {
        if (!(body.getValue(field) instanceof JsonArray items)) {
            throw new Invalid(field + " must be an array");
        }
        for (int i = 0; i < items.size(); i++) {
            Object item = items.getValue(i);
            boolean ok = item instanceof String s ? !s.isEmpty() : signOfWhole(item) > 0;
            if (!ok) {
                throw new Invalid(field + "[" + i + "] must be a positive whole number or a non-empty string");
            }
        }
        return items;
    }

    private static void positiveIds(Object value, String field) throws Invalid {
        if (!(value instanceof JsonArray items)) {
            throw new Invalid(field + " must be an array of positive whole numbers");
        }
        for (int i = 0; i < items.size(); i++) {
            if (signOfWhole(items.getValue(i)) <= 0) {
                throw new Invalid(field + "[" + i + "] must be a positive whole number");
            }
        }
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

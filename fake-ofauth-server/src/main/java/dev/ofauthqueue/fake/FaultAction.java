package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/** What a matching {@link Fault} does to a request. */
public sealed interface FaultAction {

    /** Waits (fixed, or uniform between min and max with the fault's seed), then answers normally. */
    record Latency(Duration min, Duration max) implements FaultAction {
        public Latency {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency must be 0 <= min <= max, was " + min + ".." + max);
            }
        }
    }

    /**
     * Answers {@code status} with OFAuth's error body instead of the real answer.
     *
     * @param retryAfterSeconds sent as {@code Retry-After} when positive (use with 429 or 503)
     */
    record Status(int status, int retryAfterSeconds) implements FaultAction {
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 400..599, was " + status);
            }
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + retryAfterSeconds);
            }
        }
    }

    /** Closes the connection before any answer. */
    record Reset() implements FaultAction {}

    /** Starts a 200 answer, sends part of the body, and closes the connection. */
    record CloseMidBody() implements FaultAction {}

    /** Answers 200 with a JSON content type and a body that is not valid JSON. */
    record MalformedJson() implements FaultAction {}

    /** Answers normally but labels the body {@code text/plain}. */
    record WrongContentType() implements FaultAction {}

    /** Answers {@code status} with an HTML error page, as a proxy in front of OFAuth would. */
    record HtmlError(int status) implements FaultAction {
        public HtmlError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 400..599, was " + status);
            }
        }
    }

    /** Never answers (until the client gives up or the server stops). */
    record NoResponse() implements FaultAction {}

    static FaultAction fromJson(JsonObject json) {
        if (json == null) {
            throw new IllegalArgumentException("action is required");
        }
        String type = json.getValue("type") instanceof String s ? s : "";
        return switch (type) {
            case "latency" -> {
                long fixed = longField(json, "ms", -1);
                long min = fixed >= 0 ? fixed : longField(json, "minMs", 0);
                long max = fixed >= 0 ? fixed : longField(json, "maxMs", min);
                yield new Latency(Duration.ofMillis(min), Duration.ofMillis(max));
            }
            case "status" ->
                new Status((int) longField(json, "status", -1), (int) longField(json, "retryAfterSeconds", 0));
            case "reset" -> new Reset();
            case "closeMidBody" -> new CloseMidBody();
            case "malformedJson" -> new MalformedJson();
            case "wrongContentType" -> new WrongContentType();
            case "htmlError" -> new HtmlError((int) longField(json, "status", 502));
            case "noResponse" -> new NoResponse();
            default ->
                throw new IllegalArgumentException("action.type must be one of latency, status, reset, "
                        + "closeMidBody, malformedJson, wrongContentType, htmlError, noResponse; was '" + type + "'");
        };
    }

    private static long longField(JsonObject json, String field, long dflt) {
        Object v = json.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("action." + field + " must be a whole number");
        }
        return n.longValue();
    }

    default JsonObject toJson() {
        JsonObject j = new JsonObject();
        if (this instanceof Latency l) {
            return j.put("type", "latency")
                    .put("minMs", l.min().toMillis())
                    .put("maxMs", l.max().toMillis());
        } else if (this instanceof Status s) {
            return j.put("type", "status").put("status", s.status()).put("retryAfterSeconds", s.retryAfterSeconds());
        } else if (this instanceof HtmlError h) {
            return j.put("type", "htmlError").put("status", h.status());
        } else if (this instanceof Reset) {
            return j.put("type", "reset");
        } else if (this instanceof CloseMidBody) {
            return j.put("type", "closeMidBody");
        } else if (this instanceof MalformedJson) {
            return j.put("type", "malformedJson");
        } else if (this instanceof WrongContentType) {
            return j.put("type", "wrongContentType");
        }
        return j.put("type", "noResponse");
    }
}

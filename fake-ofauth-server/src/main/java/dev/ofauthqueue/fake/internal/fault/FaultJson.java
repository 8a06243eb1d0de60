package dev.ofauthqueue.fake.internal.fault;

import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Faults;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Faults as the admin API reads and writes them: {@code {"method", "path", "connection", "times" | "probability" +
 * "seed", "action": {"type", ...}}}. Every field is checked; a wrong one is an {@link IllegalArgumentException} naming
 * it.
 */
public final class FaultJson {

    private FaultJson() {}

    /** A fault in force as JSON, with its id and what is left of its count. */
    public static JsonObject toJson(Faults.ActiveFault active) {
        JsonObject j = toJson(active.fault()).put("id", active.id());
        active.remaining().ifPresent(left -> j.put("remaining", left));
        return j;
    }

    /** A fault as JSON. */
    public static JsonObject toJson(Fault fault) {
        JsonObject j = new JsonObject();
        fault.method().ifPresent(m -> j.put("method", m));
        fault.path().ifPresent(p -> j.put("path", p));
        fault.connection().ifPresent(c -> j.put("connection", c));
        if (fault.times() > 0) {
            j.put("times", fault.times());
        } else {
            j.put("probability", fault.probability()).put("seed", fault.seed());
        }
        JsonObject action = new JsonObject().put("type", fault.action().type());
        fault.action().parameters().forEach(action::put);
        return j.put("action", action);
    }

    /**
     * Reads a fault.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public static Fault fromJson(JsonObject json) {
        Fault.Builder b = Fault.matching(text(json, "method"), text(json, "path"));
        String connection = text(json, "connection");
        if (connection != null) {
            b.forConnection(connection);
        }
        Object times = json.getValue("times");
        Object probability = json.getValue("probability");
        if (times != null && probability != null) {
            throw new IllegalArgumentException("give either times or probability, not both");
        }
        if (probability != null) {
            if (!(probability instanceof Number p)) {
                throw new IllegalArgumentException("probability must be a number from 0 to 1");
            }
            b.withProbability(p.doubleValue(), whole(json, "seed", 0));
        } else if (times != null) {
            long n = whole(json, "times", 0);
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("times must be a whole number from 1 to " + Integer.MAX_VALUE);
            }
            b.times((int) n);
        }
        Object action = json.getValue("action");
        if (!(action instanceof JsonObject a)) {
            throw new IllegalArgumentException(
                    "action must be an object such as {\"type\": \"status\", \"status\": 503}");
        }
        return b.then(action(a));
    }

    static FaultAction action(JsonObject json) {
        String type = json.getValue("type") instanceof String s ? s : "";
        return switch (type) {
            case "latency" -> {
                long fixed = whole(json, "ms", -1);
                long min = fixed >= 0 ? fixed : whole(json, "minMs", 0);
                long max = fixed >= 0 ? fixed : whole(json, "maxMs", min);
                yield new FaultAction.Latency(Duration.ofMillis(min), Duration.ofMillis(max));
            }
            case "status" ->
                new FaultAction.Status(status(json, "status", -1), (int)
                        Math.min(Integer.MAX_VALUE, whole(json, "retryAfterSeconds", 0)));
            case "reset" -> new FaultAction.Reset();
            case "closeMidBody" -> new FaultAction.CloseMidBody();
            case "malformedJson" -> new FaultAction.MalformedJson();
            case "wrongContentType" -> new FaultAction.WrongContentType();
            case "htmlError" -> new FaultAction.HtmlError(status(json, "status", 502));
            case "noResponse" -> new FaultAction.NoResponse();
            default ->
                throw new IllegalArgumentException("action.type must be one of latency, status, reset, "
                        + "closeMidBody, malformedJson, wrongContentType, htmlError, noResponse; was '" + type + "'");
        };
    }

    private static int status(JsonObject json, String field, long dflt) {
        long value = whole(json, field, dflt);
        if (value < 400 || value > 599) {
            throw new IllegalArgumentException("action." + field + " must be from 400 to 599, was " + value);
        }
        return (int) value;
    }

    private static long whole(JsonObject json, String field, long dflt) {
        Object v = json.getValue(field);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > 9.0e15) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return n.longValue();
    }

    private static String text(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return (String) v;
    }
}

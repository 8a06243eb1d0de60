package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A deliberate misbehaviour: which requests it hits (method, path pattern, connection) and how often (the next N
 * matching requests, or each with a probability drawn from a fixed seed, so runs repeat), and what it does.
 *
 * <pre>{@code
 * fake.faults().add(Fault.matching("DELETE", "/v2/access/mass-messages/scheduled/.*").times(2)
 *         .then(new FaultAction.Status(503, 0)));
 * }</pre>
 */
public final class Fault {

    private final Optional<String> method;
    private final Optional<Pattern> path;
    private final Optional<String> connection;
    private final int times;
    private final double probability;
    private final long seed;
    private final FaultAction action;

    private Fault(Builder b, FaultAction action) {
        this.method = b.method;
        this.path = b.path;
        this.connection = b.connection;
        this.times = b.times;
        this.probability = b.probability;
        this.seed = b.seed;
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Requests with this method (null: any) whose path matches this regular expression (null: any). */
    public static Builder matching(String method, String pathRegex) {
        return new Builder(method, pathRegex);
    }

    /** Every request. */
    public static Builder any() {
        return new Builder(null, null);
    }

    public FaultAction action() {
        return action;
    }

    /** A fresh trigger: the countdown or the seeded random sequence of this fault. */
    Trigger trigger() {
        return new Trigger(this);
    }

    boolean matches(String requestMethod, String requestPath, String requestConnection) {
        return method.map(m -> m.equalsIgnoreCase(requestMethod)).orElse(true)
                && path.map(p -> p.matcher(requestPath).matches()).orElse(true)
                && connection.map(c -> c.equals(requestConnection)).orElse(true);
    }

    JsonObject toJson() {
        JsonObject j = new JsonObject();
        method.ifPresent(m -> j.put("method", m));
        path.ifPresent(p -> j.put("path", p.pattern()));
        connection.ifPresent(c -> j.put("connection", c));
        if (times > 0) {
            j.put("times", times);
        } else {
            j.put("probability", probability).put("seed", seed);
        }
        return j.put("action", action.toJson());
    }

    static Fault fromJson(JsonObject json) {
        if (json == null) {
            throw new IllegalArgumentException("the body must be a JSON object describing a fault");
        }
        Builder b = matching(text(json, "method"), text(json, "path"));
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
            Object seed = json.getValue("seed");
            if (seed != null && !(seed instanceof Number)) {
                throw new IllegalArgumentException("seed must be a number");
            }
            b.withProbability(p.doubleValue(), seed == null ? 0 : ((Number) seed).longValue());
        } else if (times != null) {
            if (!(times instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("times must be a whole number");
            }
            b.times(n.intValue());
        }
        Object action = json.getValue("action");
        if (!(action instanceof JsonObject a)) {
            throw new IllegalArgumentException(
                    "action must be an object such as {\"type\": \"status\", \"status\": 503}");
        }
        return b.then(FaultAction.fromJson(a));
    }

    private static String text(JsonObject json, String field) {
        Object v = json.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return (String) v;
    }

    /** Decides, request by request, whether the fault fires. Thread-safe. */
    static final class Trigger {
        private final Fault fault;
        private final Random random;
        private int left;

        Trigger(Fault fault) {
            this.fault = fault;
            this.random = new Random(fault.seed);
            this.left = fault.times;
        }

        Fault fault() {
            return fault;
        }

        synchronized boolean fire() {
            if (fault.times > 0) {
                if (left <= 0) {
                    return false;
                }
                left--;
                return true;
            }
            return random.nextDouble() < fault.probability;
        }

        synchronized boolean exhausted() {
            return fault.times > 0 && left <= 0;
        }

        synchronized long nextLong(long bound) {
            return bound <= 0 ? 0 : Math.floorMod(random.nextLong(), bound);
        }

        synchronized int left() {
            return left;
        }
    }

    /** Builds a {@link Fault}: by default it fires on every matching request. */
    public static final class Builder {
        private final Optional<String> method;
        private final Optional<Pattern> path;
        private Optional<String> connection = Optional.empty();
        private int times;
        private double probability = 1.0;
        private long seed;

        private Builder(String method, String pathRegex) {
            this.method = Optional.ofNullable(method);
            try {
                this.path = Optional.ofNullable(pathRegex).map(Pattern::compile);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("path must be a regular expression: " + e.getDescription());
            }
        }

        public Builder forConnection(String connectionId) {
            this.connection = Optional.of(Objects.requireNonNull(connectionId, "connectionId"));
            return this;
        }

        /** Fires on the next {@code n} matching requests only. */
        public Builder times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be 1 or more, was " + n);
            }
            this.times = n;
            return this;
        }

        /** Fires on each matching request with probability {@code p}, drawn from {@code seed} (runs repeat). */
        public Builder withProbability(double p, long seed) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability must be from 0 to 1, was " + p);
            }
            this.times = 0;
            this.probability = p;
            this.seed = seed;
            return this;
        }

        public Fault then(FaultAction action) {
            return new Fault(this, action);
        }
    }
}

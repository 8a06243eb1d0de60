package dev.ofauthqueue.fake;

import java.util.Objects;
import java.util.Optional;
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

    /**
     * Starts a fault on some requests.
     *
     * @param method    the HTTP method, or null for any
     * @param pathRegex a regular expression the whole path must match, or null for any
     * @return a builder; by default the fault fires on every matching request
     * @throws IllegalArgumentException when the path is not a regular expression
     */
    public static Builder matching(String method, String pathRegex) {
        return new Builder(method, pathRegex);
    }

    /**
     * Starts a fault on every request.
     *
     * @return a builder
     */
    public static Builder any() {
        return new Builder(null, null);
    }

    /**
     * What the fault does.
     *
     * @return the action
     */
    public FaultAction action() {
        return action;
    }

    /**
     * The method it matches.
     *
     * @return the method, or empty for any
     */
    public Optional<String> method() {
        return method;
    }

    /**
     * The path pattern it matches.
     *
     * @return the regular expression, or empty for any
     */
    public Optional<String> path() {
        return path.map(Pattern::pattern);
    }

    /**
     * The connection it is limited to.
     *
     * @return the {@code x-connection-id}, or empty for any
     */
    public Optional<String> connection() {
        return connection;
    }

    /**
     * How many matching requests it fires on.
     *
     * @return the count, or 0 when it fires by probability
     */
    public int times() {
        return times;
    }

    /**
     * The chance it fires on each matching request, when not counted.
     *
     * @return 0 to 1
     */
    public double probability() {
        return probability;
    }

    /**
     * The seed of its random sequence (probability and latency draws).
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Whether a request is one this fault aims at (before counting or probability).
     *
     * @param requestMethod     the request's method
     * @param requestPath       the request's path
     * @param requestConnection its {@code x-connection-id}, or null
     * @return true when method, path and connection all match
     */
    public boolean matches(String requestMethod, String requestPath, String requestConnection) {
        return method.map(m -> m.equalsIgnoreCase(requestMethod)).orElse(true)
                && path.map(p -> p.matcher(requestPath).matches()).orElse(true)
                && connection.map(c -> c.equals(requestConnection)).orElse(true);
    }

    @Override
    public String toString() {
        return "Fault[" + method.orElse("*") + " " + path().orElse(".*")
                + connection.map(c -> " for a connection").orElse("")
                + (times > 0 ? " x" + times : " p=" + probability) + " -> " + action.type() + "]";
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
                throw new IllegalArgumentException("path must be a regular expression: " + e.getDescription(), e);
            }
        }

        /**
         * Fires only on requests for this connection.
         *
         * @param connectionId the {@code x-connection-id}
         * @return this builder
         */
        public Builder forConnection(String connectionId) {
            this.connection = Optional.of(Objects.requireNonNull(connectionId, "connectionId"));
            return this;
        }

        /**
         * Fires on the next {@code n} matching requests only.
         *
         * @param n 1 or more
         * @return this builder
         */
        public Builder times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be 1 or more, was " + n);
            }
            this.times = n;
            return this;
        }

        /**
         * Fires on each matching request with probability {@code p}, drawn from {@code seed} (runs repeat).
         *
         * @param p    0 to 1
         * @param seed the random sequence's seed
         * @return this builder
         */
        public Builder withProbability(double p, long seed) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability must be from 0 to 1, was " + p);
            }
            this.times = 0;
            this.probability = p;
            this.seed = seed;
            return this;
        }

        /**
         * Finishes the fault.
         *
         * @param action what it does
         * @return the fault
         */
        public Fault then(FaultAction action) {
            return new Fault(this, action);
        }
    }
}

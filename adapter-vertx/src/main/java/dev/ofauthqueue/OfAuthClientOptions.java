package dev.ofauthqueue;

import dev.ofauthqueue.adapter.vertx.RateBudgetFactory;
import dev.ofauthqueue.adapter.vertx.ServerAddress;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link VertxOfAuthClient} needs, checked when built. Immutable; one client serves many connections
 * (the connection is named per call; {@link #defaultConnection()} is only a convenience for callers).
 *
 * <pre>{@code
 * OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey(System.getenv("OFAUTH_API_KEY")))
 *         .baseUrl("https://api.ofauth.com")
 *         .requestTimeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 */
public final class OfAuthClientOptions {

    /** OFAuth's production API. */
    public static final String DEFAULT_BASE_URL = "https://api.ofauth.com";

    /**
     * The longest a connection, an attempt or a whole call may be given: a day. Longer means no bound at all, and
     * would not fit the monotonic clock's arithmetic (a {@code Duration} of centuries overflows it).
     */
    public static final Duration LONGEST_WAIT = Duration.ofHours(24);

    /** The largest answer body read by default: 16 MiB. */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 16L * 1024 * 1024;

    private final String baseUrl;
    private final ApiKey apiKey;
    private final Optional<ConnectionId> defaultConnection;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration deadline;
    private final RetryPolicy retryPolicy;
    private final DeleteRoute deleteRoute;
    private final Optional<ClientRateLimit> rateLimit;
    private final RateBudgetFactory rateBudget;
    private final String userAgent;
    private final long maxAnswerBytes;

    private OfAuthClientOptions(Builder b) {
        this.baseUrl = b.baseUrl;
        this.apiKey = b.apiKey;
        this.defaultConnection = b.defaultConnection;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.deadline = b.deadline;
        this.retryPolicy = b.retryPolicy;
        this.deleteRoute = b.deleteRoute;
        this.rateLimit = b.rateLimit;
        this.rateBudget = b.rateBudget;
        this.userAgent = b.userAgent;
        this.maxAnswerBytes = b.maxAnswerBytes;
    }

    /**
     * Starts options for {@code apiKey}, with every other value at its default.
     *
     * @param apiKey the API key
     * @return a builder
     */
    public static Builder builder(ApiKey apiKey) {
        return new Builder(apiKey);
    }

    /**
     * Reads {@code OFAUTH_API_KEY} (required), {@code OFAUTH_BASE_URL} and {@code OFAUTH_CONNECTION_ID}.
     *
     * @return a builder holding those values
     * @throws IllegalArgumentException when {@code OFAUTH_API_KEY} is missing, {@code OFAUTH_BASE_URL} set but empty, or
     *     a value malformed
     */
    public static Builder fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * As {@link #fromEnvironment()}, from the given variables.
     *
     * @param env the variables
     * @return a builder holding those values
     * @throws IllegalArgumentException when {@code OFAUTH_API_KEY} is missing, {@code OFAUTH_BASE_URL} set but empty, or
     *     a value malformed
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        String key = env.get("OFAUTH_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("OFAUTH_API_KEY is not set");
        }
        Builder b = builder(new ApiKey(key.trim()));
        baseUrlIn(env).ifPresent(b::baseUrl);
        String connection = env.get("OFAUTH_CONNECTION_ID");
        if (connection != null && !connection.isBlank()) {
            b.defaultConnection(ConnectionId.of(connection.trim()));
        }
        return b;
    }

    /**
     * {@code OFAUTH_BASE_URL} in {@code env}, trimmed, for whoever reads the environment as {@link #fromEnvironment()}
     * does (the command line too). Set but blank, as {@code OFAUTH_BASE_URL=$UNSET} gives, is refused: it never means
     * OFAuth's production address.
     *
     * @param env the variables
     * @return the value, or empty when it is not set
     * @throws IllegalArgumentException when it is set but blank
     */
    public static Optional<String> baseUrlIn(Map<String, String> env) {
        String base = env.get("OFAUTH_BASE_URL");
        if (base != null && base.isBlank()) {
            throw new IllegalArgumentException(
                    "OFAUTH_BASE_URL is set but empty: unset it for " + DEFAULT_BASE_URL + ", or give the URL");
        }
        return Optional.ofNullable(base).map(String::trim);
    }

    /**
     * Where OFAuth is.
     *
     * @return the base URL, without a trailing slash
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The API key; it prints masked.
     *
     * @return the key
     */
    public ApiKey apiKey() {
        return apiKey;
    }

    /**
     * The connection used when a call names none (the CLI and examples use it).
     *
     * @return the connection, or empty
     */
    public Optional<ConnectionId> defaultConnection() {
        return defaultConnection;
    }

    /**
     * How long making a connection may take.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long one attempt may wait for its answer.
     *
     * @return the request timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }
    /**
     * The most one call may take, retries and rate-limit waits included.
     *
     * @return the deadline
     */
    public Duration deadline() {
        return deadline;
    }

    /**
     * How calls are retried.
     *
     * @return the retry policy
     */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Which route deletes.
     *
     * @return the delete route
     */
    public DeleteRoute deleteRoute() {
        return deleteRoute;
    }
    /**
     * The client-side limiter.
     *
     * @return the limit, or empty when off
     */
    public Optional<ClientRateLimit> rateLimit() {
        return rateLimit;
    }

    /**
     * Where the per-connection budget is kept: in this process ({@link RateBudgetFactory#local()}, the default) or
     * shared with other processes.
     *
     * @return the factory of the client's budget
     */
    public RateBudgetFactory rateBudget() {
        return rateBudget;
    }

    /**
     * The {@code User-Agent} header sent.
     *
     * @return the user agent
     */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The largest answer body read: past it the client stops reading, closes the connection and fails the call, naming
     * the limit (a DELETE answered 2xx that way is unconfirmed: it may have been carried out).
     *
     * @return the limit in bytes
     */
    public long maxAnswerBytes() {
        return maxAnswerBytes;
    }

    /** Masks the API key and the connection. */
    @Override
    public String toString() {
        return "OfAuthClientOptions[baseUrl=" + baseUrl + ", apiKey=" + apiKey + ", defaultConnection="
                + defaultConnection.map(ConnectionId::toString).orElse("none") + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", deadline=" + deadline + ", retry=" + retryPolicy
                + ", deleteRoute=" + deleteRoute + ", rateLimit="
                + rateLimit.map(Object::toString).orElse("off") + ", rateBudget=" + rateBudget
                + ", userAgent=" + userAgent + ", maxAnswerBytes=" + maxAnswerBytes + "]";
    }

    /** Builds {@link OfAuthClientOptions}; every setter validates its value. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private final ApiKey apiKey;
        private Optional<ConnectionId> defaultConnection = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private Duration deadline = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private DeleteRoute deleteRoute = DeleteRoute.SCHEDULED;
        private Optional<ClientRateLimit> rateLimit = Optional.of(ClientRateLimit.OFAUTH_DEFAULT);
        private RateBudgetFactory rateBudget = RateBudgetFactory.local();
        private String userAgent = "ofauth-queue/0.1";
        private long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;

        private Builder(ApiKey apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        /**
         * Where OFAuth is: {@code http} or {@code https}, with a host, without user info, query or fragment, on a port
         * from 1 to 65535 when it names one; a trailing slash is dropped. Defaults to {@value #DEFAULT_BASE_URL}.
         *
         * @param value for example {@code "http://127.0.0.1:8080"}
         * @return this builder
         * @throws IllegalArgumentException saying what to fix, for example suggesting {@code http://} or
         *     {@code https://} when the scheme is missing
         */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            this.baseUrl = checkedBaseUrl(value);
            return this;
        }

        private static String checkedBaseUrl(String value) {
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("baseUrl is empty; write for example " + DEFAULT_BASE_URL);
            }
            if (!trimmed.equals(value)) {
                throw new IllegalArgumentException("baseUrl starts or ends with whitespace: '" + value + "'");
            }
            if (!value.contains("://")) {
                throw new IllegalArgumentException(
                        "baseUrl has no scheme: write http://" + value + " or https://" + value);
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "baseUrl is not a URL (" + e.getReason() + " at index " + e.getIndex() + "): " + value, e);
            }
            if (uri.getRawUserInfo() != null) {
                // Not echoed: user info is usually a password.
                throw new IllegalArgumentException("baseUrl must not carry user info (user:password@); OFAuth"
                        + " authenticates with the apiKey header");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(
                        "baseUrl must start with http:// or https://, was " + uri.getScheme() + "://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl has no host name (or one Java cannot read): " + value);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + value);
            }
            ServerAddress.problem(uri).ifPresent(problem -> {
                throw new IllegalArgumentException("baseUrl's " + problem + ": " + value);
            });
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }

        /**
         * The connection used when a call names none.
         *
         * @param value the connection
         * @return this builder
         */
        public Builder defaultConnection(ConnectionId value) {
            this.defaultConnection = Optional.of(value);
            return this;
        }

        /**
         * How long making a connection may take; default 5 s.
         *
         * @param value from 1 ms to {@link #LONGEST_WAIT}
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /**
         * How long one attempt may wait for its answer; default 15 s.
         *
         * @param value from 1 ms to {@link #LONGEST_WAIT}
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive("requestTimeout", value);
            return this;
        }

        /**
         * How long a whole call may take, retries and rate-limit waits included; default 60 s.
         *
         * @param value from 1 ms to {@link #LONGEST_WAIT}, and at least the request timeout when built
         * @return this builder
         */
        public Builder deadline(Duration value) {
            this.deadline = positive("deadline", value);
            return this;
        }

        /**
         * How calls are retried; default {@link RetryPolicy#DEFAULT}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * Which route deletes; default {@link DeleteRoute#SCHEDULED}.
         *
         * @param value the route
         * @return this builder
         */
        public Builder deleteRoute(DeleteRoute value) {
            this.deleteRoute = Objects.requireNonNull(value, "deleteRoute");
            return this;
        }

        /**
         * Paces calls per connection; default {@link ClientRateLimit#OFAUTH_DEFAULT}.
         *
         * @param value the limit
         * @return this builder
         */
        public Builder rateLimit(ClientRateLimit value) {
            this.rateLimit = Optional.of(value);
            return this;
        }

        /**
         * Turns the client-side limiter off: every call goes out at once, and OFAuth's 429s are retried.
         *
         * @return this builder
         */
        public Builder rateLimitOff() {
            this.rateLimit = Optional.empty();
            return this;
        }

        /**
         * Where the per-connection budget of {@link #rateLimit(ClientRateLimit)} is kept; default
         * {@link RateBudgetFactory#local()}, this process alone. Processes that share an API key share a budget
         * instead, or together they send a multiple of OFAuth's limit. Ignored when the limiter is off.
         *
         * @param value the factory, for example {@code RedisRateBudget.factory(RedisUrl.parse("redis://127.0.0.1:6379"))}
         * @return this builder
         */
        public Builder rateBudget(RateBudgetFactory value) {
            this.rateBudget = Objects.requireNonNull(value, "rateBudget");
            return this;
        }

        /**
         * The {@code User-Agent} header; default {@code ofauth-queue/<version>}.
         *
         * @param value not blank
         * @return this builder
         */
        public Builder userAgent(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            this.userAgent = value;
            return this;
        }

        /**
         * The largest answer body the client reads; default {@value OfAuthClientOptions#DEFAULT_MAX_ANSWER_BYTES}
         * bytes (16 MiB: a page of 20 messages is a few hundred KB).
         *
         * @param value 1 KiB to 1 GiB
         * @return this builder
         */
        public Builder maxAnswerBytes(long value) {
            if (value < 1024 || value > (1L << 30)) {
                throw new IllegalArgumentException("maxAnswerBytes must be 1024 to 1073741824, was " + value);
            }
            this.maxAnswerBytes = value;
            return this;
        }

        /**
         * The options, checked together.
         *
         * @return the options
         * @throws IllegalArgumentException when the deadline is shorter than one request timeout
         */
        public OfAuthClientOptions build() {
            if (deadline.compareTo(requestTimeout) < 0) {
                throw new IllegalArgumentException(
                        "deadline (" + deadline + ") must be at least requestTimeout (" + requestTimeout + ")");
            }
            return new OfAuthClientOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(LONGEST_WAIT) > 0) {
                throw new IllegalArgumentException(name + " must be at most " + LONGEST_WAIT + ", was " + value);
            }
            if (value.isZero() || value.isNegative() || value.toMillis() == 0) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
            }
            return value;
        }
    }
}

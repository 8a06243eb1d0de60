package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.domain.ConnectionId;
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

    public static final String DEFAULT_BASE_URL = "https://api.ofauth.com";

    private final String baseUrl;
    private final ApiKey apiKey;
    private final Optional<ConnectionId> defaultConnection;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration deadline;
    private final RetryPolicy retryPolicy;
    private final DeleteRoute deleteRoute;
    private final Optional<ClientRateLimit> rateLimit;
    private final String userAgent;

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
        this.userAgent = b.userAgent;
    }

    public static Builder builder(ApiKey apiKey) {
        return new Builder(apiKey);
    }

    /** Reads {@code OFAUTH_API_KEY} (required), {@code OFAUTH_BASE_URL} and {@code OFAUTH_CONNECTION_ID}. */
    public static Builder fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * As {@link #fromEnvironment()}, from the given variables.
     *
     * @throws IllegalArgumentException when {@code OFAUTH_API_KEY} is missing or a value is malformed
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        String key = env.get("OFAUTH_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("OFAUTH_API_KEY is not set");
        }
        Builder b = builder(new ApiKey(key.trim()));
        String base = env.get("OFAUTH_BASE_URL");
        if (base != null && !base.isBlank()) {
            b.baseUrl(base.trim());
        }
        String connection = env.get("OFAUTH_CONNECTION_ID");
        if (connection != null && !connection.isBlank()) {
            b.defaultConnection(ConnectionId.of(connection.trim()));
        }
        return b;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ApiKey apiKey() {
        return apiKey;
    }

    public Optional<ConnectionId> defaultConnection() {
        return defaultConnection;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }
    /** The most one call may take, retries and rate-limit waits included. */
    public Duration deadline() {
        return deadline;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public DeleteRoute deleteRoute() {
        return deleteRoute;
    }
    /** The client-side limiter, or empty when off. */
    public Optional<ClientRateLimit> rateLimit() {
        return rateLimit;
    }

    public String userAgent() {
        return userAgent;
    }

    /** Masks the API key and the connection. */
    @Override
    public String toString() {
        return "OfAuthClientOptions[baseUrl=" + baseUrl + ", apiKey=" + apiKey + ", defaultConnection="
                + defaultConnection.map(ConnectionId::toString).orElse("none") + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", deadline=" + deadline + ", retry=" + retryPolicy
                + ", deleteRoute=" + deleteRoute + ", rateLimit="
                + rateLimit.map(Object::toString).orElse("off")
                + ", userAgent=" + userAgent + "]";
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
        private String userAgent = "ofauth-queue/0.1";

        private Builder(ApiKey apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        /** {@code http} or {@code https}, with a host, without query or fragment; a trailing slash is dropped. */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + value, e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException("baseUrl must be http(s)://host[:port][/path], was " + value);
            }
            this.baseUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            return this;
        }

        public Builder defaultConnection(ConnectionId value) {
            this.defaultConnection = Optional.of(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /** How long one attempt may wait for its answer. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive("requestTimeout", value);
            return this;
        }

        /** How long a whole call may take, retries and rate-limit waits included. */
        public Builder deadline(Duration value) {
            this.deadline = positive("deadline", value);
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        public Builder deleteRoute(DeleteRoute value) {
            this.deleteRoute = Objects.requireNonNull(value, "deleteRoute");
            return this;
        }

        public Builder rateLimit(ClientRateLimit value) {
            this.rateLimit = Optional.of(value);
            return this;
        }

        public Builder rateLimitOff() {
            this.rateLimit = Optional.empty();
            return this;
        }

        public Builder userAgent(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            this.userAgent = value;
            return this;
        }

        /**
         * The options, checked together.
         *
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
            if (value.isZero() || value.isNegative() || value.toMillis() == 0) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
            }
            return value;
        }
    }
}

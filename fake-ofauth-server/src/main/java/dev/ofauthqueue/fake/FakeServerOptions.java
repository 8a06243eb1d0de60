package dev.ofauthqueue.fake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to start a fake: where to listen, which recordings, which rate limit, where its clock starts, how its admin API
 * is guarded and how many connections and requests it bears. Immutable; build with {@link #builder()}.
 */
public final class FakeServerOptions {

    /** Default for {@link Builder#headerTimeout(Duration)}: 10 seconds. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Default for {@link Builder#bodyTimeout(Duration)}: 10 seconds. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** Default for {@link Builder#idleTimeout(Duration)}: 60 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default for {@link Builder#maxInFlight(int)}: 512 requests. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 512;

    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");

    private final String host;
    private final int port;
    private final Optional<Path> recordings;
    private final Optional<RateLimit> rateLimit;
    private final ClockStart clockStart;
    private final int journalCapacity;
    private final Optional<RecordMode> recordMode;
    private final boolean debugLog;
    private final Optional<String> adminToken;
    private final boolean adminEnabled;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final Duration idleTimeout;
    private final int maxInFlight;
    /** Decided once: the front door asks on every request, and the answer needs a pattern and an address parse. */
    private final boolean loopbackOnly;

    /** Where the fake's clock starts. */
    public sealed interface ClockStart permits AtRecording, AtWallClock, At {}

    /** At the recordings' own instant ({@code recordedAt}); nothing is shifted. */
    public record AtRecording() implements ClockStart {}

    /** At the machine's current time; the recordings' dates move by the same amount. */
    public record AtWallClock() implements ClockStart {}

    /**
     * At {@code instant}; the recordings' dates move by the same amount.
     *
     * @param instant where the clock starts
     */
    public record At(Instant instant) implements ClockStart {
        /**
         * Checks the instant.
         *
         * @param instant where the clock starts, from {@link FakeClock#EARLIEST} to {@link FakeClock#LATEST}
         */
        public At {
            Objects.requireNonNull(instant, "instant");
            if (instant.isBefore(FakeClock.EARLIEST) || instant.isAfter(FakeClock.LATEST)) {
                throw new IllegalArgumentException("the clock must start from " + FakeClock.EARLIEST + " to "
                        + FakeClock.LATEST + ", was " + instant);
            }
        }
    }

    private FakeServerOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.recordings = b.recordings;
        this.rateLimit = b.rateLimit;
        this.clockStart = b.clockStart;
        this.journalCapacity = b.journalCapacity;
        this.recordMode = b.recordMode;
        this.debugLog = b.debugLog;
        this.adminToken = b.adminToken;
        this.adminEnabled = b.adminEnabled;
        this.headerTimeout = b.headerTimeout;
        this.bodyTimeout = b.bodyTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxInFlight = b.maxInFlight;
        this.loopbackOnly = isLoopback(host);
    }

    /**
     * Starts options with every default.
     *
     * @return a builder: 127.0.0.1, port 8080, bundled recordings, 60:90, clock at the recordings' instant, journal of
     *     1000, admin API on, 10 s header timeout, 60 s idle timeout, 512 requests in flight
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The interface to bind.
     *
     * @return a host name or address
     */
    public String host() {
        return host;
    }

    /**
     * Whether the fake listens on loopback only, where only this machine can reach it.
     *
     * @return true for {@code 127.0.0.1}, {@code localhost}, {@code ::1} and the like
     */
    public boolean bindsLoopbackOnly() {
        return loopbackOnly;
    }

    /**
     * The port to bind.
     *
     * @return 0 to 65535; 0 picks a free port
     */
    public int port() {
        return port;
    }

    /**
     * The recordings to serve.
     *
     * @return a directory holding {@code manifest.json}, or empty for the bundled set
     */
    public Optional<Path> recordings() {
        return recordings;
    }

    /**
     * The rate limit per connection.
     *
     * @return the limit, or empty when off
     */
    public Optional<RateLimit> rateLimit() {
        return rateLimit;
    }

    /**
     * Where the fake's clock starts.
     *
     * @return the start
     */
    public ClockStart clockStart() {
        return clockStart;
    }

    /**
     * Record mode, when the fake proxies to a real OFAuth and writes recordings.
     *
     * @return the mode, or empty
     */
    public Optional<RecordMode> recordMode() {
        return recordMode;
    }

    /**
     * How many requests the journal keeps.
     *
     * @return 1 or more
     */
    public int journalCapacity() {
        return journalCapacity;
    }

    /**
     * Whether the standalone jar logs one line per request ({@code --debug}).
     *
     * @return true to log
     */
    public boolean debugLog() {
        return debugLog;
    }

    /**
     * The token every admin request must carry ({@code Authorization: Bearer <token>}).
     *
     * @return the token, or empty when the admin API needs none (loopback only)
     */
    public Optional<String> adminToken() {
        return adminToken;
    }

    /**
     * Whether the admin API is served at all.
     *
     * @return false after {@link Builder#noAdmin()}
     */
    public boolean adminEnabled() {
        return adminEnabled;
    }

    /**
     * How long a client has, from accepting its connection, to send a request's headers.
     *
     * @return the timeout
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /**
     * How long a client has, once a write's headers arrived, to send all of its body.
     *
     * @return the timeout
     */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /**
     * How long a keep-alive connection may wait for its next request.
     *
     * @return the timeout
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * How many requests the fake serves at once; more are answered 503.
     *
     * @return 1 or more
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!ADDRESS_LITERAL.matcher(bare).matches()) {
            return false; // a name other than localhost: never resolved here, never trusted as loopback
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Builds {@link FakeServerOptions}; every setter checks its value. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Optional<Path> recordings = Optional.empty();
        private Optional<RateLimit> rateLimit = Optional.of(RateLimit.OFAUTH_DEFAULT);
        private ClockStart clockStart = new AtRecording();
        private int journalCapacity = Journal.DEFAULT_CAPACITY;
        private Optional<RecordMode> recordMode = Optional.empty();
        private boolean debugLog;
        private Optional<String> adminToken = Optional.empty();
        private boolean adminEnabled = true;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

        private Builder() {}

        /**
         * Logs one line per request (the standalone jar's {@code --debug}).
         *
         * @param value true to log
         * @return this builder
         */
        public Builder debugLog(boolean value) {
            this.debugLog = value;
            return this;
        }

        /**
         * Proxies {@code /v2/access} to a real OFAuth and records what it sees (see {@link RecordMode}).
         *
         * @param value where from and where to
         * @return this builder
         */
        public Builder recordMode(RecordMode value) {
            this.recordMode = Optional.of(Objects.requireNonNull(value, "recordMode"));
            return this;
        }

        /**
         * How many requests the journal keeps (default 1000).
         *
         * @param value 1 to 10,000,000
         * @return this builder
         */
        public Builder journalCapacity(int value) {
            if (value < 1 || value > 10_000_000) {
                throw new IllegalArgumentException("journal capacity must be 1 to 10000000, was " + value);
            }
            this.journalCapacity = value;
            return this;
        }

        /**
         * The interface to bind (default {@code 127.0.0.1}). Another than loopback needs {@link #adminToken} or
         * {@link #noAdmin()}.
         *
         * @param value a host name or address
         * @return this builder
         */
        public Builder host(String value) {
            Objects.requireNonNull(value, "host");
            if (value.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = value;
            return this;
        }

        /**
         * The port to bind (default 8080).
         *
         * @param value 0 to 65535; 0 picks a free port
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Serves a recordings directory instead of the bundled set.
         *
         * @param directory holding {@code manifest.json}
         * @return this builder
         */
        public Builder recordings(Path directory) {
            this.recordings = Optional.of(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /**
         * Serves the bundled set (the default).
         *
         * @return this builder
         */
        public Builder bundledRecordings() {
            this.recordings = Optional.empty();
            return this;
        }

        /**
         * Each connection's token bucket (default OFAuth's 60 a minute, burst 90).
         *
         * @param value the limit
         * @return this builder
         */
        public Builder rateLimit(RateLimit value) {
            this.rateLimit = Optional.of(Objects.requireNonNull(value, "rateLimit"));
            return this;
        }

        /**
         * No rate limit at all.
         *
         * @return this builder
         */
        public Builder rateLimitOff() {
            this.rateLimit = Optional.empty();
            return this;
        }

        /**
         * Where the fake's clock starts (default: the recordings' instant).
         *
         * @param value the start
         * @return this builder
         */
        public Builder clockStart(ClockStart value) {
            this.clockStart = Objects.requireNonNull(value, "clockStart");
            return this;
        }

        /**
         * Starts the clock at {@code instant}.
         *
         * @param instant from {@link FakeClock#EARLIEST} to {@link FakeClock#LATEST}
         * @return this builder
         */
        public Builder clockAt(Instant instant) {
            return clockStart(new At(instant));
        }

        /**
         * Requires {@code Authorization: Bearer <token>} on every admin request.
         *
         * @param value at least 16 characters, printable ASCII without spaces
         * @return this builder
         */
        public Builder adminToken(String value) {
            Objects.requireNonNull(value, "adminToken");
            if (value.length() < 16 || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException(
                        "the admin token must be at least 16 printable characters without spaces");
            }
            this.adminToken = Optional.of(value);
            return this;
        }

        /**
         * Serves no admin API at all: {@code /__admin} answers 404.
         *
         * @return this builder
         */
        public Builder noAdmin() {
            this.adminEnabled = false;
            return this;
        }

        /**
         * How long a client has, from accepting its connection, to send a request's headers (default 10 s): a client
         * trickling bytes is cut off all the same.
         *
         * @param value 1 ms to 1 hour
         * @return this builder
         */
        public Builder headerTimeout(Duration value) {
            this.headerTimeout = bounded("headerTimeout", value);
            return this;
        }

        /**
         * How long a client has, once the headers of a POST or PUT arrived, to send all of its body (default 10 s;
         * with bodies of at most 1 MB, a minimum rate of about 100 KB/s): a connection still sending is closed then.
         * Requests still receiving their body are not counted in {@link #maxInFlight()} (at most as many again may be
         * receiving at once), so slow bodies never starve complete requests.
         *
         * @param value 1 ms to 1 hour
         * @return this builder
         */
        public Builder bodyTimeout(Duration value) {
            this.bodyTimeout = bounded("bodyTimeout", value);
            return this;
        }

        /**
         * How long a keep-alive connection may wait for its next request (default 60 s).
         *
         * @param value 1 ms to 1 hour
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = bounded("idleTimeout", value);
            return this;
        }

        /**
         * How many requests the fake serves at once (default 512); more are answered 503 in OFAuth's envelope.
         *
         * @param value 1 to 100,000
         * @return this builder
         */
        public Builder maxInFlight(int value) {
            if (value < 1 || value > 100_000) {
                throw new IllegalArgumentException("maxInFlight must be 1 to 100000, was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        private static Duration bounded(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 1 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be 1 ms to 1 hour, was " + value);
            }
            return value;
        }

        /**
         * The options.
         *
         * @return the options, checked together
         * @throws IllegalArgumentException when a non-loopback host has an admin API without a token
         */
        public FakeServerOptions build() {
            if (adminEnabled && adminToken.isEmpty() && !isLoopback(host)) {
                throw new IllegalArgumentException("binding " + host + " exposes the admin API beyond this machine: "
                        + "give an admin token (--admin-token) or turn the admin API off (--no-admin)");
            }
            return new FakeServerOptions(this);
        }
    }
}

package dev.ofauthqueue.fake;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a fake: where to listen, which recordings, which rate limit, and where its clock starts.
 * Immutable; build with {@link #builder()}.
 */
public final class FakeServerOptions {

    private final String host;
    private final int port;
    private final Optional<Path> recordings;
    private final Optional<RateLimit> rateLimit;
    private final ClockStart clockStart;
    private final int journalCapacity;
    private final Optional<RecordMode> recordMode;
    private final boolean debugLog;

    /** Where the fake's clock starts. */
    public sealed interface ClockStart permits AtRecording, AtWallClock, At {}

    /** At the recordings' own instant ({@code recordedAt}): the default; nothing is shifted. */
    public record AtRecording() implements ClockStart {}

    /** At the machine's current time; the recordings' dates move by the same amount. */
    public record AtWallClock() implements ClockStart {}

    /** At {@code instant}; the recordings' dates move by the same amount. */
    public record At(Instant instant) implements ClockStart {
        /**
         * Checks the instant.
         *
         * @param instant from {@link FakeClock#EARLIEST} to {@link FakeClock#LATEST}
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
    }

    /** Whether the standalone jar logs one line per request ({@code --debug}). */
    public boolean debugLog() {
        return debugLog;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A recordings directory, or empty for the bundled set. */
    public Optional<Path> recordings() {
        return recordings;
    }

    /** The rate limit per connection, or empty when off. */
    public Optional<RateLimit> rateLimit() {
        return rateLimit;
    }

    public ClockStart clockStart() {
        return clockStart;
    }

    /** Record mode, when the fake proxies to a real OFAuth and writes recordings. */
    public Optional<RecordMode> recordMode() {
        return recordMode;
    }

    /** How many requests the journal keeps. */
    public int journalCapacity() {
        return journalCapacity;
    }

    /** Builds {@link FakeServerOptions}: defaults 127.0.0.1, port 8080, bundled recordings, 60:90, clock at recording, journal of 1000. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Optional<Path> recordings = Optional.empty();
        private Optional<RateLimit> rateLimit = Optional.of(RateLimit.OFAUTH_DEFAULT);
        private ClockStart clockStart = new AtRecording();
        private int journalCapacity = Journal.DEFAULT_CAPACITY;
        private Optional<RecordMode> recordMode = Optional.empty();
        private boolean debugLog;

        private Builder() {}

        /** Log one line per request (the standalone jar's {@code --debug}). */
        public Builder debugLog(boolean value) {
            this.debugLog = value;
            return this;
        }

        /** Proxies {@code /v2/access} to a real OFAuth and records what it sees (see {@link RecordMode}). */
        public Builder recordMode(RecordMode value) {
            this.recordMode = Optional.of(value);
            return this;
        }

        /** How many requests the journal keeps, 1 or more (default 1000). */
        public Builder journalCapacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("journal capacity must be 1 or more, was " + value);
            }
            this.journalCapacity = value;
            return this;
        }

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** 0 to 65535; 0 picks a free port. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + value);
            }
            this.port = value;
            return this;
        }

        public Builder recordings(Path directory) {
            this.recordings = Optional.of(directory);
            return this;
        }

        public Builder bundledRecordings() {
            this.recordings = Optional.empty();
            return this;
        }

        public Builder rateLimit(RateLimit value) {
            this.rateLimit = Optional.of(value);
            return this;
        }

        public Builder rateLimitOff() {
            this.rateLimit = Optional.empty();
            return this;
        }

        public Builder clockStart(ClockStart value) {
            this.clockStart = Objects.requireNonNull(value, "clockStart");
            return this;
        }

        public Builder clockAt(Instant instant) {
            return clockStart(new At(instant));
        }

        public FakeServerOptions build() {
            return new FakeServerOptions(this);
        }
    }
}

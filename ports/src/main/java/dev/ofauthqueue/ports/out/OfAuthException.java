package dev.ofauthqueue.ports.out;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every failure of a call to OFAuth, grouped by cause: the port's failure vocabulary. Each carries the HTTP status (0
 * when no answer came), OFAuth's {@code type} and the {@code requestId} when the answer had them. None carries a
 * header or a secret.
 *
 * <p>Every implementation of the ports in this package fails its stages with these types (the Vert.x adapter and the
 * test kit's in-memory port alike), so code handling a failure never depends on an adapter.
 */
public abstract sealed class OfAuthException extends RuntimeException
        permits OfAuthException.Authentication,
                OfAuthException.Permission,
                OfAuthException.NotFound,
                OfAuthException.BadRequest,
                OfAuthException.RateLimited,
                OfAuthException.Server,
                OfAuthException.Transport,
                OfAuthException.Decoding {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, 0 when no answer came. */
    private final int status;
    /** OFAuth's error type, if the answer had one. */
    private final @Nullable String type;
    /** OFAuth's request id, if the answer had one. */
    private final @Nullable String requestId;

    OfAuthException(
            String message, int status, @Nullable String type, @Nullable String requestId, @Nullable Throwable cause) {
        super(message + describe(status, type, requestId), cause);
        this.status = status;
        this.type = type;
        this.requestId = requestId;
    }

    private static String describe(int status, @Nullable String type, @Nullable String requestId) {
        StringBuilder s = new StringBuilder();
        if (status > 0) {
            s.append(" (status ").append(status);
            if (type != null) {
                s.append(", ").append(type);
            }
            if (requestId != null) {
                s.append(", requestId ").append(requestId);
            }
            s.append(')');
        }
        return s.toString();
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status, or 0 when no answer came
     */
    public int status() {
        return status;
    }

    /**
     * OFAuth's {@code type} (or the older {@code code}).
     *
     * @return for example {@code SESSION_EXPIRED}; empty when the answer named none
     */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /**
     * OFAuth's id of the request, for its support.
     *
     * @return the {@code requestId} of the answer; empty when there was none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** 401: the API key or the connection's session is missing, wrong or expired. */
    public static final class Authentication extends OfAuthException {
        private static final long serialVersionUID = 1L;
        /** What OFAuth asks the user to do, if anything. */
        private final @Nullable String actionRequired;

        /**
         * A 401.
         *
         * @param message        what was asked and OFAuth's text
         * @param status         the HTTP status
         * @param type           OFAuth's type, if any
         * @param requestId      OFAuth's request id, if any
         * @param actionRequired what OFAuth asks the user to do, if anything
         */
        public Authentication(
                String message,
                int status,
                @Nullable String type,
                @Nullable String requestId,
                @Nullable String actionRequired) {
            super(message, status, type, requestId, null);
            this.actionRequired = actionRequired;
        }

        /**
         * What OFAuth asks the user to do.
         *
         * @return for example {@code refresh_session}; empty when OFAuth said nothing
         */
        public Optional<String> actionRequired() {
            return Optional.ofNullable(actionRequired);
        }

        /**
         * Whether the connection's creator session expired ({@code SESSION_EXPIRED}): the account must be reconnected.
         *
         * @return true for an expired session
         */
        public boolean isSessionExpired() {
            return "SESSION_EXPIRED".equals(type().orElse(null));
        }
    }

    /** 403: the connection lacks the permission (e.g. {@code messages:write}). */
    public static final class Permission extends OfAuthException {
        private static final long serialVersionUID = 1L;

        /**
         * A 403.
         *
         * @param message   what was asked and OFAuth's text
         * @param status    the HTTP status
         * @param type      OFAuth's type, if any
         * @param requestId OFAuth's request id, if any
         */
        public Permission(String message, int status, @Nullable String type, @Nullable String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /**
     * 404 where absence is not an answer: an unknown route (a wrong base URL), a proxy's page, or a reschedule of a
     * missing message. A missing message where absence means something is not an error (reads answer empty, deletes
     * {@link DeleteRequestOutcome.NotFound}).
     */
    public static final class NotFound extends OfAuthException {
        private static final long serialVersionUID = 1L;

        /**
         * A 404 that is an error.
         *
         * @param message   what was asked and OFAuth's text
         * @param status    the HTTP status
         * @param type      OFAuth's type, if any
         * @param requestId OFAuth's request id, if any
         */
        public NotFound(String message, int status, @Nullable String type, @Nullable String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /** 400 (and other 4xx): OFAuth refused the request, e.g. deleting a message that is being sent. */
    public static final class BadRequest extends OfAuthException {
        private static final long serialVersionUID = 1L;

        /**
         * A 400 or another 4xx.
         *
         * @param message   what was asked and OFAuth's text
         * @param status    the HTTP status
         * @param type      OFAuth's type, if any
         * @param requestId OFAuth's request id, if any
         */
        public BadRequest(String message, int status, @Nullable String type, @Nullable String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /** 429 after the retries allowed, or the client-side limiter's wait passing the deadline (status 0). */
    public static final class RateLimited extends OfAuthException {
        private static final long serialVersionUID = 1L;
        /** When to try again, if known. */
        private final @Nullable Duration retryAfter;

        /**
         * A rate limit that the call could not wait out.
         *
         * @param message    what was asked and why it stopped
         * @param status     429, or 0 for the client-side limiter
         * @param type       OFAuth's type, if any
         * @param requestId  OFAuth's request id, if any
         * @param retryAfter when to try again, if known
         */
        public RateLimited(
                String message,
                int status,
                @Nullable String type,
                @Nullable String requestId,
                @Nullable Duration retryAfter) {
            super(message, status, type, requestId, null);
            this.retryAfter = retryAfter;
        }

        /**
         * When to try again.
         *
         * @return from {@code Retry-After} or {@code X-RateLimit-Reset}; empty when unknown
         */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** 5xx after the retries allowed. */
    public static final class Server extends OfAuthException {
        private static final long serialVersionUID = 1L;

        /**
         * A 5xx.
         *
         * @param message   what was asked and OFAuth's text
         * @param status    the HTTP status
         * @param type      OFAuth's type, if any
         * @param requestId OFAuth's request id, if any
         */
        public Server(String message, int status, @Nullable String type, @Nullable String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /** No usable answer: connect failure, reset, timeout, or the overall deadline passed. */
    public static final class Transport extends OfAuthException {
        private static final long serialVersionUID = 1L;

        /** What went wrong on the wire. */
        public enum Kind {
            /** The connection could not be made: the request never reached OFAuth. */
            CONNECT,
            /** No answer in time: the request may have reached OFAuth. */
            TIMEOUT,
            /** The connection broke: the request may have reached OFAuth. */
            RESET
        }

        /** What went wrong on the wire. */
        private final Kind kind;

        /**
         * A failure on the wire.
         *
         * @param message what was asked and what happened
         * @param kind    what went wrong
         * @param cause   the underlying failure, if any
         */
        public Transport(String message, Kind kind, @Nullable Throwable cause) {
            super(message, 0, null, null, cause);
            this.kind = kind;
        }

        /**
         * What went wrong.
         *
         * @return connect, timeout or reset
         */
        public Kind kind() {
            return kind;
        }

        /**
         * Whether this request may have reached OFAuth.
         *
         * @return true unless the connection was never made
         */
        public boolean mayHaveReachedServer() {
            return kind != Kind.CONNECT;
        }
    }

    /** An answer that is not the JSON expected (wrong content, truncated, wrong shape). */
    public static final class Decoding extends OfAuthException {
        private static final long serialVersionUID = 1L;

        /**
         * An unreadable answer.
         *
         * @param message   what was expected and what was wrong
         * @param status    the HTTP status of the answer
         * @param requestId OFAuth's request id, if any
         * @param cause     the parser's failure, if any
         */
        public Decoding(String message, int status, @Nullable String requestId, @Nullable Throwable cause) {
            super(message, status, null, requestId, cause);
        }
    }
}

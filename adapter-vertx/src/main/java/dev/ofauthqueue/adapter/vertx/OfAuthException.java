package dev.ofauthqueue.adapter.vertx;

import java.time.Duration;
import java.util.Optional;

/**
 * Every failure of a call to OFAuth, grouped by cause. Each carries the HTTP status (0 when no answer came), OFAuth's
 * {@code type} and the {@code requestId} when the answer had them. None carries a header or a secret.
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

    private final int status;
    private final String type;
    private final String requestId;

    OfAuthException(String message, int status, String type, String requestId, Throwable cause) {
        super(message + describe(status, type, requestId), cause);
        this.status = status;
        this.type = type;
        this.requestId = requestId;
    }

    private static String describe(int status, String type, String requestId) {
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

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** OFAuth's {@code type} (or older {@code code}), e.g. {@code SESSION_EXPIRED}. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** 401: the API key or the connection's session is missing, wrong or expired. */
    public static final class Authentication extends OfAuthException {
        private static final long serialVersionUID = 1L;
        private final String actionRequired;

        Authentication(String message, int status, String type, String requestId, String actionRequired) {
            super(message, status, type, requestId, null);
            this.actionRequired = actionRequired;
        }

        /** What OFAuth asks the user to do, e.g. {@code refresh_session}. */
        public Optional<String> actionRequired() {
            return Optional.ofNullable(actionRequired);
        }

        /** True when the connection's creator session expired ({@code SESSION_EXPIRED}): reconnect the account. */
        public boolean isSessionExpired() {
            return "SESSION_EXPIRED".equals(type().orElse(null));
        }
    }

    /** 403: the connection lacks the permission (e.g. {@code messages:write}). */
    public static final class Permission extends OfAuthException {
        private static final long serialVersionUID = 1L;

        Permission(String message, int status, String type, String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /** 404 where the call cannot treat absence as an answer (an unknown route, a reschedule of a missing message). */
    public static final class NotFound extends OfAuthException {
        private static final long serialVersionUID = 1L;

        NotFound(String message, int status, String type, String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /** 400 (and other 4xx): OFAuth refused the request, e.g. deleting a message that is being sent. */
    public static final class BadRequest extends OfAuthException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message, int status, String type, String requestId) {
            super(message, status, type, requestId, null);
        }
    }

    /** 429 after the retries allowed, or the client-side limiter's wait passing the deadline (status 0). */
    public static final class RateLimited extends OfAuthException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        RateLimited(String message, int status, String type, String requestId, Duration retryAfter) {
            super(message, status, type, requestId, null);
            this.retryAfter = retryAfter;
        }

        /** When to try again, from {@code Retry-After} or {@code X-RateLimit-Reset}, when known. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** 5xx after the retries allowed. */
    public static final class Server extends OfAuthException {
        private static final long serialVersionUID = 1L;

        Server(String message, int status, String type, String requestId) {
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

        private final Kind kind;

        Transport(String message, Kind kind, Throwable cause) {
            super(message, 0, null, null, cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** True unless the connection was never made. */
        public boolean mayHaveReachedServer() {
            return kind != Kind.CONNECT;
        }
    }

    /** An answer that is not the JSON expected (wrong content, truncated, wrong shape). */
    public static final class Decoding extends OfAuthException {
        private static final long serialVersionUID = 1L;

        Decoding(String message, int status, String requestId, Throwable cause) {
            super(message, status, null, requestId, cause);
        }
    }
}

package dev.ofauthqueue.fake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a matching {@link Fault} does to a request. Each action applies itself through a {@link FaultInjector} and
 * names itself for the admin API ({@link #type()}, {@link #parameters()}): adding one means writing those three
 * methods, and nothing elsewhere can fall back silently.
 */
public sealed interface FaultAction {

    /**
     * Does this action to a request.
     *
     * @param injector what can be done to the request; the fake passes it
     */
    void apply(FaultInjector injector);

    /**
     * The action's name in the admin API's JSON ({@code "type"}).
     *
     * @return for example {@code latency}
     */
    String type();

    /**
     * The action's settings in the admin API's JSON, besides its type.
     *
     * @return field names to numbers; empty for actions without settings
     */
    default Map<String, Long> parameters() {
        return Map.of();
    }

    /**
     * Whether the fake's own routes still answer the request (latency, wrong content type) rather than the fault.
     *
     * @return true when the fake answers
     */
    default boolean letsTheFakeAnswer() {
        return false;
    }

    /**
     * Waits (fixed, or uniform between min and max with the fault's seed), then answers normally.
     *
     * @param min the shortest wait
     * @param max the longest wait
     */
    record Latency(Duration min, Duration max) implements FaultAction {
        /**
         * Checks that 0 ≤ min ≤ max.
         *
         * @param min the shortest wait
         * @param max the longest wait
         */
        public Latency {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency must be 0 <= min <= max, was " + min + ".." + max);
            }
        }

        @Override
        public void apply(FaultInjector injector) {
            injector.delayThenAnswer(min, max);
        }

        @Override
        public String type() {
            return "latency";
        }

        @Override
        public Map<String, Long> parameters() {
            Map<String, Long> p = new LinkedHashMap<>();
            p.put("minMs", min.toMillis());
            p.put("maxMs", max.toMillis());
            return p;
        }

        @Override
        public boolean letsTheFakeAnswer() {
            return true;
        }
    }

    /**
     * Answers {@code status} with OFAuth's error body instead of the real answer.
     *
     * @param status            400 to 599
     * @param retryAfterSeconds sent as {@code Retry-After} when positive (use with 429 or 503)
     */
    record Status(int status, int retryAfterSeconds) implements FaultAction {
        /**
         * Checks the status and the hint.
         *
         * @param status            400 to 599
         * @param retryAfterSeconds sent as {@code Retry-After} when positive (use with 429 or 503)
         */
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 400..599, was " + status);
            }
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 0, was " + retryAfterSeconds);
            }
        }

        @Override
        public void apply(FaultInjector injector) {
            injector.answerError(status, retryAfterSeconds);
        }

        @Override
        public String type() {
            return "status";
        }

        @Override
        public Map<String, Long> parameters() {
            Map<String, Long> p = new LinkedHashMap<>();
            p.put("status", (long) status);
            p.put("retryAfterSeconds", (long) retryAfterSeconds);
            return p;
        }
    }

    /** Closes the connection before any answer. */
    record Reset() implements FaultAction {
        @Override
        public void apply(FaultInjector injector) {
            injector.closeConnection();
        }

        @Override
        public String type() {
            return "reset";
        }
    }

    /** Starts a 200 answer, sends part of the body, and closes the connection. */
    record CloseMidBody() implements FaultAction {
        @Override
        public void apply(FaultInjector injector) {
            injector.answerPartlyThenClose();
        }

        @Override
        public String type() {
            return "closeMidBody";
        }
    }

    /** Answers 200 with a JSON content type and a body that is not valid JSON. */
    record MalformedJson() implements FaultAction {
        @Override
        public void apply(FaultInjector injector) {
            injector.answerMalformedJson();
        }

        @Override
        public String type() {
            return "malformedJson";
        }
    }

    /** Answers normally but labels the body {@code text/plain}. */
    record WrongContentType() implements FaultAction {
        @Override
        public void apply(FaultInjector injector) {
            injector.answerWithWrongContentType();
        }

        @Override
        public String type() {
            return "wrongContentType";
        }

        @Override
        public boolean letsTheFakeAnswer() {
            return true;
        }
    }

    /**
     * Answers {@code status} with an HTML error page, as a proxy in front of OFAuth would.
     *
     * @param status 400 to 599
     */
    record HtmlError(int status) implements FaultAction {
        /**
         * Checks the status.
         *
         * @param status 400 to 599
         */
        public HtmlError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status must be 400..599, was " + status);
            }
        }

        @Override
        public void apply(FaultInjector injector) {
            injector.answerHtmlErrorPage(status);
        }

        @Override
        public String type() {
            return "htmlError";
        }

        @Override
        public Map<String, Long> parameters() {
            return Map.of("status", (long) status);
        }
    }

    /** Never answers (until the client gives up or the server stops). */
    record NoResponse() implements FaultAction {
        @Override
        public void apply(FaultInjector injector) {
            injector.neverAnswer();
        }

        @Override
        public String type() {
            return "noResponse";
        }
    }
}

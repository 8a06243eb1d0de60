package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Whether and when to send a request again, and whether an attempt may have been carried out: pure functions of the
 * method, the status or failure, the {@link RetryPolicy} and the time left, so they are tested without Vert.x or a
 * server.
 */
final class RetryDecisions {

    /** Statuses that say "not now" rather than "no": the rate limit and a gateway's trouble. */
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

    /**
     * Statuses a gateway answers when it may have passed the request on to OFAuth before giving up, so the request may
     * have been carried out.
     */
    private static final Set<Integer> GATEWAY_STATUS = Set.of(502, 503, 504);

    private RetryDecisions() {}

    /** POST has no idempotency key at OFAuth: a retry could send a mass message twice. Everything else may repeat. */
    static boolean mayRepeat(String method) {
        return !"POST".equals(method);
    }

    /** Whether an answer with {@code status} to {@code method} is worth another attempt. */
    static boolean retryable(String method, int status) {
        return mayRepeat(method) && RETRYABLE_STATUS.contains(status);
    }

    /**
     * Whether a failure of kind {@code kind} is worth another attempt. A broken connection is not: the request may have
     * been carried out, and repeating it blindly is how a message gets deleted twice.
     */
    static boolean retryable(String method, OfAuthException.Transport.Kind kind) {
        return mayRepeat(method) && kind != OfAuthException.Transport.Kind.RESET;
    }

    /** Whether an attempt answered with {@code status} may nevertheless have been carried out by OFAuth. */
    static boolean mayHaveBeenCarriedOut(int status) {
        return GATEWAY_STATUS.contains(status);
    }

    /** Whether an attempt that failed with {@code kind} may have reached OFAuth. */
    static boolean mayHaveBeenCarriedOut(OfAuthException.Transport.Kind kind) {
        return kind != OfAuthException.Transport.Kind.CONNECT;
    }

    /**
     * The wait before attempt {@code attempt + 1}: the server's hint when it gave one, else full-jitter exponential
     * backoff; empty when no retry fits the policy or the time left.
     *
     * @param attempt       the attempt that just ended, 1 for the first
     * @param hint          the server's {@code Retry-After} or {@code X-RateLimit-Reset}, if any
     * @param jitter        0 ≤ jitter &lt; 1
     * @param untilDeadline how long the whole call may still take
     */
    static Optional<Duration> delayBeforeRetry(
            RetryPolicy policy, int attempt, Optional<Duration> hint, double jitter, Duration untilDeadline) {
        if (attempt >= policy.maxAttempts()) {
            return Optional.empty();
        }
        Duration delay = hint.orElseGet(() ->
                Duration.ofMillis((long) (jitter * policy.ceiling(attempt + 1).toMillis())));
        if (delay.compareTo(policy.maxDelay()) > 0 || delay.compareTo(untilDeadline) >= 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }
}

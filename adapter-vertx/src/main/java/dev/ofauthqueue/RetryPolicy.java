package dev.ofauthqueue;

import java.time.Duration;
import java.util.Objects;

/**
 * How GET, PUT and DELETE are retried on a connect failure, a timeout, 429, 502, 503 or 504. POST is never retried.
 * The delay honours {@code Retry-After}, else {@code X-RateLimit-Reset}, else backs off exponentially with full
 * jitter: a random delay from zero to {@code min(maxDelay, baseDelay × 2^(attempt-1))}.
 *
 * <pre>{@code
 * OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
 *         .retryPolicy(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(10))) // 3 attempts at most
 *         .build();
 * }</pre>
 *
 * @param maxAttempts attempts in all, 1 (no retry) to 10
 * @param baseDelay   first backoff ceiling
 * @param maxDelay    largest backoff ceiling, and the most a server hint is waited
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** 4 attempts, backoff from 200 ms up to 20 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(20));
    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    /**
     * Checks the numbers.
     *
     * @param maxAttempts attempts in all, 1 (no retry) to 10
     * @param baseDelay   first backoff ceiling
     * @param maxDelay    largest backoff ceiling, and the most a server hint is waited
     * @throws IllegalArgumentException when {@code maxAttempts} is out of range or not {@code 0 <= baseDelay <= maxDelay}
     */
    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException(
                    "delays must be 0 <= baseDelay <= maxDelay, were " + baseDelay + " and " + maxDelay);
        }
    }

    /**
     * The backoff ceiling before an attempt: the delay is drawn below it (full jitter).
     *
     * @param nextAttempt 2 for the first retry
     * @return {@code baseDelay} doubled per retry, at most {@code maxDelay}
     */
    public Duration ceiling(int nextAttempt) {
        int doublings = Math.min(30, Math.max(0, nextAttempt - 2));
        long millis = baseDelay.toMillis() << doublings;
        return millis < 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
}

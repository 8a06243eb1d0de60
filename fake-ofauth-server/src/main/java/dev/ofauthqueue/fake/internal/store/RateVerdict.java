package dev.ofauthqueue.fake.internal.store;

/**
 * What one request learned from its connection's bucket: whether it may pass, and the values of the rate-limit headers.
 *
 * @param allowed           whether a token was taken
 * @param limit             {@code X-RateLimit-Limit}: the refill per minute
 * @param remaining         {@code X-RateLimit-Remaining}: whole tokens left
 * @param resetEpochSecond  {@code X-RateLimit-Reset}: when the bucket is full again
 * @param retryAfterSeconds {@code Retry-After} when refused: until one token
 */
public record RateVerdict(boolean allowed, int limit, int remaining, long resetEpochSecond, long retryAfterSeconds) {}

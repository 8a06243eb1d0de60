package dev.ofauthqueue.fake.internal.store;

import dev.ofauthqueue.fake.RateLimit;
import java.time.Duration;
import java.time.Instant;

/** One connection's token bucket, refilled continuously on the fake's clock. Not thread-safe: callers lock. */
final class TokenBucket {

    private final RateLimit limit;
    private final double tokensPerNano;
    private double tokens;
    private Instant last;

    TokenBucket(RateLimit limit, Instant now) {
        this.limit = limit;
        this.tokensPerNano = limit.perMinute() / 60e9;
        this.tokens = limit.burst();
        this.last = now;
    }

    RateVerdict take(Instant now) {
        refill(now);
        boolean allowed = tokens >= 1.0;
        if (allowed) {
            tokens -= 1.0;
        }
        Instant full = now.plusNanos(nanosUntil(limit.burst()));
        // Epoch seconds, rounded up: the bucket is full at or before the instant the header names.
        long reset = full.getEpochSecond() + (full.getNano() > 0 ? 1 : 0);
        long retryAfter = allowed ? 0 : Math.max(1, ceilSeconds(nanosUntil(1.0)));
        return new RateVerdict(allowed, limit.perMinute(), (int) Math.floor(tokens), reset, retryAfter);
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            long elapsed = Duration.between(last, now).toNanos();
            tokens = Math.min(limit.burst(), tokens + elapsed * tokensPerNano);
            last = now;
        } else if (now.isBefore(last)) {
            // The clock was moved back: restart the refill from the new instant without minting tokens.
            last = now;
        }
    }

    private long nanosUntil(double level) {
        return tokens >= level ? 0 : (long) Math.ceil((level - tokens) / tokensPerNano);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}

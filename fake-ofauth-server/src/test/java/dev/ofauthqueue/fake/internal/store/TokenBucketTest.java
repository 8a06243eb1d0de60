package dev.ofauthqueue.fake.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.fake.RateLimit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    @Test
    void aFullBucketServesItsBurstThenRefusesWithTheWaitForOneToken() {
        TokenBucket bucket = new TokenBucket(new RateLimit(60, 3), T0);

        RateVerdict first = bucket.take(T0);
        bucket.take(T0);
        RateVerdict third = bucket.take(T0);
        RateVerdict fourth = bucket.take(T0);

        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(2);
        assertThat(first.limit()).isEqualTo(60);
        assertThat(third.remaining()).isZero();
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterSeconds()).isEqualTo(1);
        assertThat(fourth.resetEpochSecond()).isEqualTo(T0.getEpochSecond() + 3);
    }

    @Test
    void refillsContinuouslyAtTheRateAndNeverAboveTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(30, 2), T0);
        bucket.take(T0);
        bucket.take(T0);

        assertThat(bucket.take(T0.plusMillis(1999)).allowed()).isFalse();
        assertThat(bucket.take(T0.plusSeconds(2)).allowed()).isTrue();
        assertThat(bucket.take(T0.plusSeconds(3600)).remaining()).isEqualTo(1);
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 1), T0);
        bucket.take(T0);

        RateVerdict refused = bucket.take(T0.plusMillis(500));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void movingTheClockBackMintsNoTokens() {
        TokenBucket bucket = new TokenBucket(new RateLimit(60, 1), T0);
        bucket.take(T0);

        assertThat(bucket.take(T0.minusSeconds(3600)).allowed()).isFalse();
        assertThat(bucket.take(T0.minusSeconds(3599)).allowed()).isTrue();
    }

    @Test
    void rateLimitsParseAndValidate() {
        assertThat(RateLimit.parse("60:90")).isEqualTo(RateLimit.OFAUTH_DEFAULT);
        assertThat(RateLimit.parse(" 5 : 7 ")).isEqualTo(new RateLimit(5, 7));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimit.parse("60"))
                .withMessageContaining("PER_MINUTE:BURST");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("a:b"));
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit(1, 0));
    }
}

package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code Retry-After} and {@code X-RateLimit-Reset}: a pure function of header values and now. */
class WaitHintsTest {

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    @Test
    void retryAfterInSeconds() {
        assertThat(WaitHints.read(429, " 7 ", null, NOW)).contains(Duration.ofSeconds(7));
        assertThat(WaitHints.read(503, "0", null, NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(WaitHints.read(429, "Sun, 01 Nov 2026 12:00:30 GMT", null, NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(WaitHints.read(429, "Sun, 01 Nov 2026 11:59:00 GMT", null, NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void theRateLimitResetWhenThereIsNoRetryAfter() {
        String reset = Long.toString(NOW.plusSeconds(12).getEpochSecond());

        assertThat(WaitHints.read(429, null, reset, NOW)).contains(Duration.ofSeconds(12));
        assertThat(WaitHints.read(429, "garbage", reset, NOW)).contains(Duration.ofSeconds(12));
    }

    @Test
    void theRateLimitResetOnlyCountsOnA429() {
        String reset = Long.toString(NOW.plusSeconds(12).getEpochSecond());

        assertThat(WaitHints.read(503, null, reset, NOW)).isEmpty();
        assertThat(WaitHints.read(200, null, reset, NOW)).isEmpty();
    }

    @Test
    void aNegativeRetryAfterIsNoWait() {
        assertThat(WaitHints.read(429, "-5", null, NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "1.5", "99999999999999999999", "Mon, 99 Foo 2026"})
    void unreadableValuesAreNoHint(String value) {
        assertThat(WaitHints.read(429, value, value, NOW)).isEmpty();
    }
}

package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.ports.out.OfAuthException.Transport.Kind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry decisions as pure functions: no Vert.x, no server, no time passing. */
class RetryDecisionsTest {

    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(20));
    static final Duration PLENTY = Duration.ofMinutes(5);

    @Nested
    class WhatIsRetried {

        @ParameterizedTest(name = "{0} answered {1}: retry {2}")
        @CsvSource({
            "GET, 429, true", "GET, 502, true", "GET, 503, true", "GET, 504, true",
            "GET, 500, false", "GET, 400, false", "GET, 404, false", "GET, 200, false",
            "DELETE, 503, true", "PUT, 429, true", "POST, 429, false", "POST, 503, false"
        })
        void aStatusIsRetriedOnlyWhenItSaysNotNowAndTheMethodMayRepeat(String method, int status, boolean retry) {
            assertThat(RetryDecisions.retryable(method, status)).isEqualTo(retry);
        }

        @ParameterizedTest(name = "{0} failing with {1}: retry {2}")
        @CsvSource({
            "GET, CONNECT, true",
            "GET, TIMEOUT, true",
            "GET, RESET, false",
            "DELETE, TIMEOUT, true",
            "DELETE, RESET, false",
            "POST, CONNECT, false",
            "POST, TIMEOUT, false"
        })
        void aBrokenConnectionIsNeverRetriedNorIsAPost(String method, Kind kind, boolean retry) {
            assertThat(RetryDecisions.retryable(method, kind)).isEqualTo(retry);
        }

        @Test
        void onlyAConnectionNeverMadeSurelyLeftOfAuthUntouched() {
            assertThat(RetryDecisions.mayHaveBeenCarriedOut(Kind.CONNECT)).isFalse();
            assertThat(RetryDecisions.mayHaveBeenCarriedOut(Kind.TIMEOUT)).isTrue();
            assertThat(RetryDecisions.mayHaveBeenCarriedOut(Kind.RESET)).isTrue();
        }

        @ParameterizedTest(name = "{0}: may have been carried out {1}")
        @CsvSource({"502, true", "503, true", "504, true", "429, false", "500, false", "400, false", "401, false"})
        void aGatewaysAnswerMayHideAnAttemptThatWentThrough(int status, boolean carriedOut) {
            assertThat(RetryDecisions.mayHaveBeenCarriedOut(status)).isEqualTo(carriedOut);
        }
    }

    @Nested
    class HowLongToWait {

        @ParameterizedTest(name = "after attempt {0} with jitter {1}: {2} ms")
        @CsvSource({"1, 0.5, 100", "2, 0.5, 200", "3, 0.5, 400", "1, 0.0, 0", "2, 0.999, 399"})
        void backsOffExponentiallyWithFullJitter(int attempt, double jitter, long millis) {
            assertThat(RetryDecisions.delayBeforeRetry(POLICY, attempt, Optional.empty(), jitter, PLENTY))
                    .contains(Duration.ofMillis(millis));
        }

        @Test
        void theServersHintWinsOverBackoff() {
            assertThat(RetryDecisions.delayBeforeRetry(POLICY, 1, Optional.of(Duration.ofSeconds(7)), 0.5, PLENTY))
                    .contains(Duration.ofSeconds(7));
        }

        @Test
        void noRetryAfterTheLastAttempt() {
            assertThat(RetryDecisions.delayBeforeRetry(POLICY, 4, Optional.empty(), 0.5, PLENTY))
                    .isEmpty();
        }

        @Test
        void noRetryWhenTheHintIsLongerThanThePolicyAllows() {
            assertThat(RetryDecisions.delayBeforeRetry(POLICY, 1, Optional.of(Duration.ofSeconds(21)), 0.5, PLENTY))
                    .isEmpty();
        }

        @Test
        void noRetryThatWouldEndAtOrAfterTheDeadline() {
            assertThat(RetryDecisions.delayBeforeRetry(
                            POLICY, 1, Optional.of(Duration.ofSeconds(5)), 0.5, Duration.ofSeconds(5)))
                    .isEmpty();
            assertThat(RetryDecisions.delayBeforeRetry(
                            POLICY, 1, Optional.of(Duration.ofSeconds(5)), 0.5, Duration.ofMillis(5001)))
                    .contains(Duration.ofSeconds(5));
        }
    }
}

package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings a careless caller may pass: each refused with a message naming what is wrong, before anything connects. */
class RedisDeletionJobStoreSettingsTest {

    static Stream<Arguments> bad() {
        Duration second = Duration.ofSeconds(1);
        Duration minute = Duration.ofMinutes(1);
        return Stream.of(
                Arguments.of(Duration.ZERO, second, minute, 5, "at least 1 ms"),
                Arguments.of(Duration.ofSeconds(-1), second, minute, 5, "at least 1 ms"),
                Arguments.of(second, Duration.ZERO, minute, 5, "connectTimeout must be at least 1 ms"),
                Arguments.of(second, Duration.ofMillis(-5), minute, 5, "connectTimeout must be at least 1 ms"),
                Arguments.of(second, second, Duration.ofNanos(1), 5, "lease must be at least PT1S"),
                Arguments.of(second, second, Duration.ofMillis(999), 5, "lease must be at least PT1S"),
                Arguments.of(second, second, Duration.ofDays(-1), 5, "lease must be at least PT1S"),
                Arguments.of(second, second, Duration.ofMinutes(61), 5, "lease must be at most PT1H"),
                Arguments.of(second, second, Duration.ofHours(10_000_000), 5, "lease must be at most PT1H"),
                Arguments.of(second, second, minute, 0, "maxDeliveries must be 1 or more"),
                Arguments.of(second, second, minute, Integer.MIN_VALUE, "maxDeliveries must be 1 or more"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badSettingsAreRefusedNamingTheProblem(
            Duration callTimeout, Duration connectTimeout, Duration lease, int deliveries, String why) {
        assertThatThrownBy(
                        () -> new RedisDeletionJobStore.Settings(callTimeout, connectTimeout, lease, deliveries, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @MethodSource("bad")
    void theWithersRefuseTheSameValues(
            Duration callTimeout, Duration connectTimeout, Duration lease, int deliveries, String why) {
        RedisDeletionJobStore.Settings ok = RedisDeletionJobStore.Settings.DEFAULT;
        if (why.startsWith("lease")) {
            assertThatThrownBy(() -> ok.withLease(lease)).hasMessageContaining(why);
        } else if (why.startsWith("connectTimeout")) {
            assertThatThrownBy(() -> ok.withConnectTimeout(connectTimeout)).hasMessageContaining(why);
        } else {
            assertThat(ok.withLease(Duration.ofSeconds(5)).allowingVolatileRedis())
                    .isEqualTo(new RedisDeletionJobStore.Settings(
                            ok.callTimeout(), ok.connectTimeout(), Duration.ofSeconds(5), ok.maxDeliveries(), true));
        }
    }
}

package dev.ofauthqueue.adapter.redis;

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
        return Stream.of(
                Arguments.of(Duration.ZERO, second, 5, "at least 1 ms"),
                Arguments.of(Duration.ofSeconds(-1), second, 5, "at least 1 ms"),
                Arguments.of(second, Duration.ofNanos(1), 5, "at least 1 ms"),
                Arguments.of(second, Duration.ofMillis(2), 5, "lease must be at least 3 ms"),
                Arguments.of(second, second, 0, "maxDeliveries must be 1 or more"),
                Arguments.of(second, second, Integer.MIN_VALUE, "maxDeliveries must be 1 or more"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badSettingsAreRefusedNamingTheProblem(Duration callTimeout, Duration lease, int deliveries, String why) {
        assertThatThrownBy(() -> new RedisDeletionJobStore.Settings(callTimeout, lease, deliveries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}

package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlTest {

    @Test
    void readsHostPortAndDefaults() {
        RedisUrl url = RedisUrl.parse("redis://127.0.0.1:6380/2");
        assertThat(url.host()).isEqualTo("127.0.0.1");
        assertThat(url.port()).isEqualTo(6380);
        assertThat(RedisUrl.parse("redis://redis.internal").port()).isEqualTo(6379);
        assertThat(RedisUrl.parse("rediss://redis.internal:6390").toString()).isEqualTo("rediss://redis.internal:6390");
    }

    @ParameterizedTest
    @CsvSource({
        "redis://:hunter2-secret@127.0.0.1:6379, redis://:****@127.0.0.1:6379",
        "redis://app:hunter2-secret@127.0.0.1:6379/1, redis://app:****@127.0.0.1:6379/1",
        "redis://hunter2-secret@127.0.0.1, redis://:****@127.0.0.1"
    })
    void neverShowsItsPassword(String given, String shown) {
        RedisUrl url = RedisUrl.parse(given);
        assertThat(url.toString()).isEqualTo(shown).doesNotContain("hunter2");
        assertThat(url.scrub("WRONGPASS for hunter2-secret")).isEqualTo("WRONGPASS for ****");
        assertThat(url.connectionString()).isEqualTo(given);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " redis://127.0.0.1",
                "127.0.0.1:6379",
                "http://127.0.0.1:6379",
                "redis://",
                "redis://127.0.0.1/abc",
                "redis://127.0.0.1?db=1",
                "redis://127.0.0.1#x",
                "redis://[bad",
                "redis://:hunter2-secret@/0x"
            })
    void refusesWhatIsNotARedisUrlSayingWhyWithoutThePassword(String garbage) {
        assertThatThrownBy(() -> RedisUrl.parse(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Redis URL")
                .message()
                .doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://127.0.0.1:0", "redis://127.0.0.1:65536", "redis://:hunter2-secret@h:99999/1"})
    void refusesAPortOutOfRangeRatherThanLeavingItToTheClient(String url) {
        assertThatThrownBy(() -> RedisUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the Redis URL's port must be from 1 to 65535")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void refusesAHostDnsCannotHoldRatherThanCallingRedisUnavailable() {
        assertThatThrownBy(() -> RedisUrl.parse("redis://:hunter2@" + "a".repeat(64) + ".internal:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the Redis URL's host is not a name DNS can look up")
                .message()
                .doesNotContain("hunter2");
        assertThatThrownBy(() -> RedisUrl.parse("redis://" + "a.".repeat(127) + "io"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the Redis URL's host is 256 characters long");
        assertThat(RedisUrl.parse("redis://[::1]:6380").port()).isEqualTo(6380);
    }
}

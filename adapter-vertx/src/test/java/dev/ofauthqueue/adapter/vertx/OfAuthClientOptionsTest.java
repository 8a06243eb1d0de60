package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeleteRoute;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OfAuthClientOptionsTest {

    static final ApiKey KEY = new ApiKey("sk_live_SECRETKEY123");

    @Test
    void defaultsFollowOfAuthsDocumentation() {
        OfAuthClientOptions o = OfAuthClientOptions.builder(KEY).build();

        assertThat(o.baseUrl()).isEqualTo("https://api.ofauth.com");
        assertThat(o.deleteRoute()).isEqualTo(DeleteRoute.SCHEDULED);
        assertThat(o.rateLimit()).contains(ClientRateLimit.OFAUTH_DEFAULT);
        assertThat(o.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.deadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.defaultConnection()).isEmpty();
        assertThat(o.userAgent()).startsWith("ofauth-queue/");
        assertThat(o.maxAnswerBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 0, 1023, (1L << 30) + 1, Long.MAX_VALUE})
    void anAnswerLimitOutsideOneKibToOneGibIsRefused(long limit) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.builder(KEY).maxAnswerBytes(limit))
                .withMessage("maxAnswerBytes must be 1024 to 1073741824, was " + limit);
        assertThat(OfAuthClientOptions.builder(KEY).maxAnswerBytes(1024).build().maxAnswerBytes())
                .isEqualTo(1024);
        assertThat(OfAuthClientOptions.builder(KEY)
                        .maxAnswerBytes(1L << 30)
                        .build()
                        .maxAnswerBytes())
                .isEqualTo(1L << 30);
    }

    @Test
    void readsTheEnvironment() {
        OfAuthClientOptions o = OfAuthClientOptions.fromEnvironment(Map.of(
                        "OFAUTH_API_KEY",
                        "sk_sandbox_abc",
                        "OFAUTH_BASE_URL",
                        "http://127.0.0.1:9999/",
                        "OFAUTH_CONNECTION_ID",
                        "conn_abc"))
                .build();

        assertThat(o.apiKey().isSandbox()).isTrue();
        assertThat(o.baseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(o.defaultConnection()).contains(ConnectionId.of("conn_abc"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.fromEnvironment(Map.of()))
                .withMessageContaining("OFAUTH_API_KEY");
        assertThat(OfAuthClientOptions.fromEnvironment(Map.of("OFAUTH_API_KEY", "k"))
                        .build()
                        .baseUrl())
                .isEqualTo(OfAuthClientOptions.DEFAULT_BASE_URL);
        assertThatIllegalArgumentException()
                .as("set but empty, as OFAUTH_BASE_URL=$UNSET gives: not production")
                .isThrownBy(() ->
                        OfAuthClientOptions.fromEnvironment(Map.of("OFAUTH_API_KEY", "k", "OFAUTH_BASE_URL", " ")))
                .withMessageStartingWith("OFAUTH_BASE_URL is set but empty");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "api.ofauth.com      | baseUrl has no scheme: write http://api.ofauth.com or https://api.ofauth.com",
                "127.0.0.1:8080      | baseUrl has no scheme: write http://127.0.0.1:8080 or https://127.0.0.1:8080",
                "ftp://api.ofauth.com | baseUrl must start with http:// or https://, was ftp://",
                "https://            | baseUrl is not a URL (Expected authority at index 8): https://",
                "https://h/x?y=1     | baseUrl must not have a query or fragment: https://h/x?y=1",
                "https://h/#f        | baseUrl must not have a query or fragment: https://h/#f",
                "https://a_b:1       | baseUrl has no host name (or one Java cannot read): https://a_b:1",
                "http://h:99999      | baseUrl's port must be from 1 to 65535: http://h:99999",
                "http://h:0          | baseUrl's port must be from 1 to 65535: http://h:0",
                "http://h:65536/v2   | baseUrl's port must be from 1 to 65535: http://h:65536/v2",
                "\"\"                | baseUrl is empty; write for example https://api.ofauth.com",
                "\" http://h\"       | baseUrl starts or ends with whitespace: ' http://h'",
            })
    void aBaseUrlThatIsNotPlainHttpSaysWhatToFix(String url, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.builder(KEY).baseUrl(url))
                .withMessage(message);
    }

    @Test
    void aBaseUrlsHostIsANameDnsCanLookUp() {
        String label63 = "a".repeat(63);
        String longest = String.join(".", label63, label63, label63, "a".repeat(61)); // 253 characters

        assertThat(OfAuthClientOptions.builder(KEY)
                        .baseUrl("https://" + longest)
                        .build()
                        .baseUrl())
                .isEqualTo("https://" + longest);
        assertThat(OfAuthClientOptions.builder(KEY)
                        .baseUrl("http://[::1]:8080")
                        .build()
                        .baseUrl())
                .isEqualTo("http://[::1]:8080");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.builder(KEY).baseUrl("https://" + "a".repeat(64) + ".com"))
                .withMessageStartingWith(
                        "baseUrl's host is not a name DNS can look up (The label in the input is too" + " long)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.builder(KEY).baseUrl("https://" + longest + "a"))
                .withMessageStartingWith("baseUrl's host is 254 characters long, more than the 253");
    }

    @Test
    void aBaseUrlWithUserInfoIsRefusedWithoutEchoingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.builder(KEY).baseUrl("https://user:SECRETPW@h"))
                .withMessageContaining("user info")
                .withMessageNotContaining("SECRETPW");
    }

    @Test
    void refusesBadDurationsAndADeadlineShorterThanOneRequest() {
        OfAuthClientOptions.Builder b = OfAuthClientOptions.builder(KEY);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.requestTimeout(Duration.ZERO))
                .withMessageContaining("requestTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1)))
                .withMessageContaining("connectTimeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> b.deadline(Duration.ofNanos(5)))
                .withMessageContaining("deadline");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthClientOptions.builder(KEY)
                        .requestTimeout(Duration.ofSeconds(30))
                        .deadline(Duration.ofSeconds(10))
                        .build())
                .withMessageContaining("deadline");
        // "No deadline" written as the longest Duration, or centuries: refused in words, not an overflow later.
        for (Duration endless : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(365L * 300))) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> b.deadline(endless))
                    .withMessageStartingWith("deadline must be at most PT24H");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> b.requestTimeout(endless))
                    .withMessageStartingWith("requestTimeout must be at most PT24H");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> b.connectTimeout(endless))
                    .withMessageStartingWith("connectTimeout must be at most PT24H");
        }
        assertThat(OfAuthClientOptions.builder(KEY)
                        .requestTimeout(OfAuthClientOptions.LONGEST_WAIT)
                        .deadline(OfAuthClientOptions.LONGEST_WAIT)
                        .build()
                        .deadline())
                .isEqualTo(Duration.ofHours(24));
        assertThatIllegalArgumentException().isThrownBy(() -> b.userAgent(" "));
        assertThatNullPointerException().isThrownBy(() -> b.retryPolicy(null));
        assertThatNullPointerException().isThrownBy(() -> OfAuthClientOptions.builder(null));
    }

    @Test
    void retryPolicyAndRateLimitValidate() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(11, Duration.ZERO, Duration.ZERO));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientRateLimit(0, 1));
        assertThat(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350)).ceiling(2))
                .isEqualTo(Duration.ofMillis(100));
        assertThat(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350)).ceiling(3))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350)).ceiling(4))
                .isEqualTo(Duration.ofMillis(350));
        assertThat(new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(350)).ceiling(40))
                .isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void neitherSecretIsEverPrinted() {
        OfAuthClientOptions o = OfAuthClientOptions.builder(KEY)
                .defaultConnection(ConnectionId.of("conn_SECRETCONN456"))
                .build();

        assertThat(o.toString())
                .doesNotContain("SECRETKEY123")
                .doesNotContain("SECRETCONN456")
                .contains("****");
        assertThat(KEY.toString()).doesNotContain("SECRETKEY123");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ApiKey("has space SECRET"))
                .withMessageNotContaining("SECRET");
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKey(" "));
    }

    @Test
    void deleteRoutesBuildTheirPaths() {
        assertThat(DeleteRoute.SCHEDULED.path(42)).isEqualTo("/v2/access/mass-messages/scheduled/42");
        assertThat(DeleteRoute.GENERIC.path(42)).isEqualTo("/v2/access/mass-messages/42");
        assertThat(DeleteRoute.GENERIC.template()).isEqualTo("/v2/access/mass-messages/{id}");
    }
}

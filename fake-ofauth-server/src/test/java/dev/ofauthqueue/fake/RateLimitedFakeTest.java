package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitedFakeTest {

    FakeOfAuthServer fake;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .rateLimit(new RateLimit(6, 3))
                .build());
        http = new Http(fake.baseUrl());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyAccessAnswerCarriesTheHeadersAndAnEmptyBucketAnswers429() {
        Http.Answer first = http.demo("GET", "/v2/access/mass-messages/5001");
        Http.Answer notFound = http.demo("GET", "/v2/access/mass-messages/424242");
        Http.Answer badRequest = http.demo("GET", "/v2/access/mass-messages?limit=99");
        Http.Answer limited = http.demo("GET", "/v2/access/mass-messages/5001");

        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("6");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset")))
                .isGreaterThanOrEqualTo(fake.clock().instant().getEpochSecond());
        assertThat(notFound.header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(badRequest.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().getString("type")).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(limited.header("Retry-After")).isEqualTo("10");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void eachConnectionHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            http.demo("GET", "/v2/access/mass-messages/5001");
        }

        assertThat(http.demo("GET", "/v2/access/mass-messages/5001").status()).isEqualTo(429);
        assertThat(http.as("conn_readonly", "GET", "/v2/access/mass-messages/7001")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theBucketRefillsOnTheFakesClock() {
        for (int i = 0; i < 3; i++) {
            http.demo("GET", "/v2/access/mass-messages/5001");
        }
        assertThat(http.demo("GET", "/v2/access/mass-messages/5001").status()).isEqualTo(429);

        fake.clock().advance(Duration.ofSeconds(10));

        assertThat(http.demo("GET", "/v2/access/mass-messages/5001").status()).isEqualTo(200);
    }

    @Test
    void theAdminApiIsNotRateLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.admin("GET", "/__admin/clock", null).status()).isEqualTo(200);
        }
    }
}

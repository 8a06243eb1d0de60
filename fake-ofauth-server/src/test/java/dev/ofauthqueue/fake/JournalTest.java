package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalTest {

    FakeOfAuthServer fake;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .rateLimitOff()
                .journalCapacity(5)
                .build());
        http = new Http(fake.baseUrl());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void recordsWhatClientsSentAndWhatTheyGot() {
        http.demo("DELETE", "/v2/access/mass-messages/scheduled/42");
        http.demo("GET", "/v2/access/mass-messages/5001?x=1");

        assertThat(fake.journal().entries()).hasSize(2).first().satisfies(e -> {
            assertThat(e.method()).isEqualTo("DELETE");
            assertThat(e.path()).isEqualTo("/v2/access/mass-messages/scheduled/42");
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.connection()).contains("conn_demo");
            assertThat(e.apiKeySent()).isTrue();
            assertThat(e.requestId()).hasValueSatisfying(r -> assertThat(r).startsWith("req_"));
            assertThat(e.sequence()).isEqualTo(1);
        });
        assertThat(fake.journal().entries().get(1).query()).contains("x=1");
        fake.journal().verify(Journal.query().method("DELETE").path("/v2/access/mass-messages/scheduled/42"), 1);
    }

    @Test
    void isABoundedRingThatDropsTheOldest() {
        for (int i = 1; i <= 8; i++) {
            http.demo("GET", "/v2/access/mass-messages/" + (5000 + i));
        }

        assertThat(fake.journal().entries())
                .hasSize(5)
                .extracting(Journal.Entry::sequence)
                .containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(fake.journal().capacity()).isEqualTo(5);
    }

    @Test
    void neverKeepsTheApiKeyAndMasksConnectionsItDoesNotKnow() {
        http.send(
                "GET",
                "/v2/access/mass-messages/1",
                null,
                Map.of("apiKey", "sk_live_REALSECRET", "x-connection-id", "conn_REALCONN"));

        Journal.Entry e = fake.journal().entries().get(0);
        assertThat(e.toString()).doesNotContain("REALSECRET").doesNotContain("REALCONN");
        assertThat(e.connection()).contains("conn_****");
        assertThat(http.admin("GET", "/__admin/requests", null).body())
                .doesNotContain("REALSECRET")
                .doesNotContain("REALCONN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apiKey", "APIKEY", "apikey", "api%4Bey", "%61piKey"})
    void neverKeepsAnApiKeySentInTheQueryString(String name) {
        http.demo("GET", "/v2/access/mass-messages/5001?limit=2&" + name + "=sk_live_QUERYSECRET&x=1");

        Journal.Entry e = fake.journal().entries().get(0);
        assertThat(e.query()).contains("limit=2&" + name + "=****&x=1");
        assertThat(e.toString()).doesNotContain("QUERYSECRET");
        assertThat(http.admin("GET", "/__admin/requests", null).body()).doesNotContain("QUERYSECRET");
    }

    @Test
    void answersQueriesByMethodPathConnectionAndStatus() {
        http.demo("GET", "/v2/access/mass-messages/5001");
        http.demo("DELETE", "/v2/access/mass-messages/scheduled/5001");
        http.demo("DELETE", "/v2/access/mass-messages/scheduled/5001");
        http.as("conn_readonly", "GET", "/v2/access/mass-messages/7001");

        assertThat(fake.journal().count(Journal.query().method("delete"))).isEqualTo(2);
        assertThat(fake.journal().count(Journal.query().method("DELETE").status(404)))
                .isEqualTo(1);
        assertThat(fake.journal().count(Journal.query().connection("conn_readonly")))
                .isEqualTo(1);
        assertThat(fake.journal().count(Journal.query().path("/v2/access/mass-messages/\\d+")))
                .isEqualTo(2);
        JsonObject viaAdmin = http.admin("GET", "/__admin/requests?method=DELETE&status=200", null)
                .json();
        assertThat(viaAdmin.getInteger("count")).isEqualTo(1);
        assertThat(viaAdmin.getJsonArray("requests").getJsonObject(0).getString("path"))
                .isEqualTo("/v2/access/mass-messages/scheduled/5001");
        assertThat(http.admin("GET", "/__admin/requests?status=abc", null).status())
                .isEqualTo(400);
        assertThat(http.admin("GET", "/__admin/requests?path=(", null).status()).isEqualTo(400);
    }

    @Test
    void verificationFailsWithTheJournalInItsMessage() {
        http.demo("DELETE", "/v2/access/mass-messages/scheduled/5001");

        assertThatThrownBy(() -> fake.journal().verify(Journal.query().method("DELETE"), 2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2")
                .hasMessageContaining("saw 1")
                .hasMessageContaining("DELETE /v2/access/mass-messages/scheduled/5001 -> 200");
    }

    @Test
    void marksUnroutedRequestsAndTheFaultsThatFired() {
        fake.faults()
                .add(Fault.matching("GET", "/v2/access/mass-messages/5002")
                        .times(1)
                        .then(new FaultAction.Status(503, 0)));

        http.demo("GET", "/v2/access/nowhere");
        http.demo("PATCH", "/v2/access/mass-messages/5001");
        http.demo("GET", "/v2/access/mass-messages/5002");

        assertThat(fake.journal().unmatched()).extracting(Journal.Entry::status).containsExactly(404, 405);
        assertThat(fake.journal().entries().get(2).fault())
                .hasValueSatisfying(f -> assertThat(f).startsWith("fault-"));
        assertThat(fake.journal().count(Journal.query().faulted(true))).isEqualTo(1);
        assertThat(fake.journal().count(Journal.query().faulted(false))).isEqualTo(2);
        assertThat(http.admin("GET", "/__admin/requests?faulted=true", null)
                        .json()
                        .getInteger("count"))
                .isEqualTo(1);
        assertThat(http.admin("GET", "/__admin/requests?faulted=maybe", null).status())
                .isEqualTo(400);
    }

    @Test
    void clearsFromJavaAndFromTheAdminApiAndSkipsAdminCalls() {
        http.demo("GET", "/v2/access/mass-messages/5001");
        http.admin("GET", "/__admin/clock", null);
        assertThat(fake.journal().entries()).hasSize(1);

        assertThat(http.admin("DELETE", "/__admin/requests", null).status()).isEqualTo(200);

        assertThat(fake.journal().entries()).isEmpty();
    }
}

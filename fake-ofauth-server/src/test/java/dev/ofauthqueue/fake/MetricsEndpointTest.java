package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /__admin/metrics}: what a partner's code did to the fake, in a text Prometheus' own linter accepts, with
 * no connection id in it, set back to zero by a reset.
 */
class MetricsEndpointTest {

    static final String ONE = "/v2/access/mass-messages/5001";

    @RegisterExtension
    final FakeOfAuthExtension fake = FakeOfAuthExtension.builder()
            .perTest()
            .options(options -> options.rateLimit(new RateLimit(6, 3)))
            .build();

    FakeOfAuthServer server;
    Http http;

    @BeforeEach
    void client(FakeOfAuthServer started) {
        server = started;
        http = new Http(started.baseUrl());
    }

    @Test
    void countsRequestsByRouteTemplateMethodAndStatus429sByConnectionAndFaultHits() throws Exception {
        String faultId = server.faults()
                .add(Fault.matching("GET", "/v2/access/mass-messages/5002")
                        .times(1)
                        .then(new FaultAction.Status(503, 0)));
        http.demo("GET", ONE);
        http.demo("GET", "/v2/access/mass-messages/5002"); // the fault answers 503, before the bucket
        http.demo("DELETE", "/v2/access/mass-messages/scheduled/5003");
        http.demo("GET", ONE); // the bucket of 3 is empty now
        http.demo("GET", "/v2/access/mass-messages/5001/and/more"); // 429, under no route of OFAuth's
        http.send("BREW", "/v2/access/mass-messages", null, Map.of()); // no key: 401

        Http.Answer metrics = http.send("GET", "/__admin/metrics", null, Map.of());

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .contains(sample("/v2/access/mass-messages/{id}", "GET", 200, 2))
                .contains(sample("/v2/access/mass-messages/{id}", "GET", 503, 1))
                .contains("ofauth_fake_requests_total{route=\"/v2/access/mass-messages/scheduled/{id}\","
                        + "method=\"DELETE\",status=\"200\"} 1")
                .contains("ofauth_fake_requests_total{route=\"other\",method=\"GET\",status=\"429\"} 1")
                .contains(sample("/v2/access/mass-messages", "other", 401, 1))
                .containsPattern("ofauth_fake_rate_limited_total\\{connection=\"[0-9a-f]{12}\"} 1")
                .contains("ofauth_fake_fault_hits_total{fault=\"" + faultId + "\"} 1")
                .doesNotContain("conn_demo")
                .doesNotContain("5001")
                .doesNotContain("demo-api-key");
        Promtool.Verdict lint = Promtool.checkMetrics(metrics.body());
        assertThat(lint.accepted()).as(lint.output()).isTrue();
    }

    static String sample(String route, String method, int status, int count) {
        return "ofauth_fake_requests_total{route=\"" + route + "\",method=\"" + method + "\",status=\"" + status
                + "\"} " + count;
    }

    @Test
    void aResetSetsTheCountersBackToZero() throws Exception {
        http.demo("GET", ONE);

        http.send("POST", "/__admin/reset", null, Map.of("Content-Type", "application/json"));
        String after = http.send("GET", "/__admin/metrics", null, Map.of()).body();

        assertThat(after).doesNotContain("ofauth_fake_requests_total{");
        Promtool.Verdict lint = Promtool.checkMetrics(after);
        assertThat(lint.accepted()).as(lint.output()).isTrue();
    }

    @Test
    void promtoolRefusesWhatIsNotTheFormat() throws Exception {
        assertThat(Promtool.checkMetrics("ofauth_fake_requests_total{route=\"x\" 1\n")
                        .accepted())
                .isFalse();
    }
}

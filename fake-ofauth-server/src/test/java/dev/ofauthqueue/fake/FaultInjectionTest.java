package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fault kind, seen from the JDK's own HTTP client: nothing of this project on the client side. */
class FaultInjectionTest {

    static final String ONE = "/v2/access/mass-messages/5001";
    /** OFAuth's error types for the statuses a fault can inject (API-NOTES.md). */
    static final Map<Integer, String> OFAUTH_TYPE = Map.of(
            429,
            "RATE_LIMIT_EXCEEDED",
            500,
            "INTERNAL_SERVER_ERROR",
            502,
            "PROXY_ERROR",
            503,
            "NETWORK_ERROR",
            504,
            "GATEWAY_TIMEOUT");

    /** The partner kit's own extension: one fake for the class, reset (state, clock, faults, journal) before each test. */
    @RegisterExtension
    static FakeOfAuthExtension fake = FakeOfAuthExtension.builder()
            .options(FakeServerOptions.Builder::rateLimitOff)
            .build();

    static Http http;
    static final HttpClient jdk =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void client() {
        http = new Http(fake.baseUrl());
    }

    HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return jdk.send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                        .timeout(timeout)
                        .header("apiKey", Http.KEY)
                        .header("x-connection-id", "conn_demo")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void aStatusFaultAnswersInOfAuthsEnvelope(int status) throws Exception {
        fake.faults()
                .add(Fault.matching("GET", ONE).times(1).then(new FaultAction.Status(status, status == 429 ? 3 : 0)));

        HttpResponse<String> faulted = get(ONE, Duration.ofSeconds(5));
        HttpResponse<String> next = get(ONE, Duration.ofSeconds(5));

        assertThat(faulted.statusCode()).isEqualTo(status);
        JsonObject body = new JsonObject(faulted.body());
        assertThat(body.getString("type")).isEqualTo(OFAUTH_TYPE.get(status));
        assertThat(body.getString("requestId")).startsWith("req_");
        assertThat(faulted.headers().firstValue("Retry-After"))
                .isEqualTo(status == 429 ? Optional.of("3") : Optional.empty());
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void latencyDelaysTheRealAnswerWithoutBlockingOthers() throws Exception {
        fake.faults()
                .add(Fault.matching("GET", ONE)
                        .times(1)
                        .then(new FaultAction.Latency(Duration.ofMillis(1500), Duration.ofMillis(1500))));

        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = jdk.sendAsync(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + ONE))
                        .header("apiKey", Http.KEY)
                        .header("x-connection-id", "conn_demo")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> meanwhile = get("/v2/access/mass-messages/5002", Duration.ofSeconds(5));
        boolean slowWasStillPending = !slow.isDone();
        HttpResponse<String> delayed = slow.get();

        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(slowWasStillPending).isTrue();
        assertThat(delayed.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(delayed.body()).getLong("id")).isEqualTo(5001L);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aRequestStillWaitingWhenTheFakeIsResetIsDroppedInsteadOfActingOnTheFreshState() throws Exception {
        fake.faults()
                .add(Fault.matching("DELETE", null)
                        .times(1)
                        .then(new FaultAction.Latency(Duration.ofMillis(400), Duration.ofMillis(400))));
        // Vert.x's client: unlike the JDK's, it never re-sends a DELETE whose connection closed.
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient();
            CompletableFuture<Integer> waiting = client.request(new RequestOptions()
                            .setMethod(HttpMethod.DELETE)
                            .setAbsoluteURI(fake.baseUrl() + "/v2/access/mass-messages/scheduled/5001")
                            .putHeader("apiKey", Http.KEY)
                            .putHeader("x-connection-id", "conn_demo"))
                    .compose(r -> r.send())
                    .map(r -> r.statusCode())
                    .toCompletionStage()
                    .toCompletableFuture();
            while (fake.journal().entries().stream().noneMatch(e -> e.fault().isPresent())) {
                Thread.onSpinWait(); // until the fault holds the request
            }

            fake.server().reset();
            Throwable dropped = waiting.handle((status, failure) -> failure).get(10, TimeUnit.SECONDS);

            assertThat(dropped).isNotNull();
            assertThat(http.demo("GET", ONE).status()).isEqualTo(200);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aResetClosesTheConnectionWithoutAnAnswer() {
        // Every time: the JDK client quietly retries a GET once when its connection closes.
        fake.faults().add(Fault.any().then(new FaultAction.Reset()));

        assertThatThrownBy(() -> get(ONE, Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        assertThat(fake.journal().entries())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.status()).isZero());
    }

    @Test
    void closingMidBodyLeavesTheClientWithATruncatedAnswer() {
        fake.faults().add(Fault.any().times(1).then(new FaultAction.CloseMidBody()));

        assertThatThrownBy(() -> get(ONE, Duration.ofSeconds(5))).isInstanceOf(IOException.class);
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParse() throws Exception {
        fake.faults().add(Fault.any().times(1).then(new FaultAction.MalformedJson()));

        HttpResponse<String> answer = get(ONE, Duration.ofSeconds(5));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThatThrownBy(() -> new JsonObject(answer.body())).isInstanceOf(DecodeException.class);
    }

    @Test
    void aWrongContentTypeLabelsTheRealAnswerAsText() throws Exception {
        fake.faults().add(Fault.any().times(1).then(new FaultAction.WrongContentType()));

        HttpResponse<String> answer = get(ONE, Duration.ofSeconds(5));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(new JsonObject(answer.body()).getLong("id")).isEqualTo(5001L);
    }

    @Test
    void anHtmlErrorPageLooksLikeAProxysAnswer() throws Exception {
        fake.faults().add(Fault.any().times(1).then(new FaultAction.HtmlError(502)));

        HttpResponse<String> answer = get(ONE, Duration.ofSeconds(5));

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(answer.body()).contains("<h1>502 Bad Gateway</h1>");
    }

    @ParameterizedTest
    @CsvSource({
        "503, Service Unavailable",
        "504, Gateway Timeout",
        "500, Internal Server Error",
        "429, Too Many Requests"
    })
    void anHtmlErrorPageIsTitledWithItsOwnStatus(int status, String phrase) throws Exception {
        fake.faults().add(Fault.any().times(1).then(new FaultAction.HtmlError(status)));

        HttpResponse<String> answer = get(ONE, Duration.ofSeconds(5));

        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.body())
                .contains("<title>" + status + " " + phrase + "</title>")
                .doesNotContain("Bad Gateway");
    }

    @Test
    void aResponseThatNeverComesTimesTheClientOut() {
        fake.faults().add(Fault.any().times(1).then(new FaultAction.NoResponse()));

        assertThatThrownBy(() -> get(ONE, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void faultsAreScopedByMethodPathAndConnection() throws Exception {
        fake.faults()
                .add(Fault.matching("DELETE", "/v2/access/mass-messages/scheduled/.*")
                        .forConnection("conn_demo")
                        .then(new FaultAction.Status(503, 0)));

        assertThat(get(ONE, Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        assertThat(http.demo("DELETE", "/v2/access/mass-messages/5001").status())
                .isEqualTo(200);
        assertThat(http.demo("DELETE", "/v2/access/mass-messages/scheduled/5002")
                        .status())
                .isEqualTo(503);
        assertThat(http.as("conn_readonly", "DELETE", "/v2/access/mass-messages/scheduled/7001")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aSeededProbabilityRepeatsRunAfterRun() {
        List<Integer> first = runWithSeed(42);
        List<Integer> second = runWithSeed(42);
        List<Integer> other = runWithSeed(7);

        assertThat(first).isEqualTo(second).contains(200, 503);
        assertThat(other).isNotEqualTo(first);
    }

    private List<Integer> runWithSeed(long seed) {
        fake.server().reset();
        fake.faults().add(Fault.matching("GET", ONE).withProbability(0.5, seed).then(new FaultAction.Status(503, 0)));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            statuses.add(http.demo("GET", ONE).status());
        }
        return statuses;
    }

    @Test
    void theAdminApiAddsListsRemovesAndClearsFaults() {
        Http.Answer added = http.admin(
                "POST",
                "/__admin/faults",
                "{\"method\":\"GET\",\"path\":\"/v2/access/mass-messages/.*\",\"times\":2,\"action\":{\"type\":\"status\",\"status\":500}}");
        String id = added.json().getString("id");
        http.admin(
                "POST",
                "/__admin/faults",
                "{\"probability\":0.25,\"seed\":9,\"action\":{\"type\":\"latency\",\"minMs\":1,\"maxMs\":5}}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(http.demo("GET", ONE).status()).isEqualTo(500);
        JsonObject listed = http.admin("GET", "/__admin/faults", null).json();
        assertThat(listed.getJsonArray("faults")).hasSize(2);
        assertThat(listed.getJsonArray("faults").getJsonObject(0).getInteger("remaining"))
                .isEqualTo(1);
        assertThat(http.admin("DELETE", "/__admin/faults/" + id, null).status()).isEqualTo(200);
        assertThat(http.admin("DELETE", "/__admin/faults/" + id, null).status()).isEqualTo(404);
        assertThat(http.admin("DELETE", "/__admin/faults", null).status()).isEqualTo(200);
        assertThat(fake.faults().size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{}",
                "{\"action\":{\"type\":\"explode\"}}",
                "{\"times\":0,\"action\":{\"type\":\"reset\"}}",
                "{\"times\":1,\"probability\":0.5,\"action\":{\"type\":\"reset\"}}",
                "{\"probability\":2,\"action\":{\"type\":\"reset\"}}",
                "{\"path\":\"([\",\"action\":{\"type\":\"reset\"}}",
                "{\"action\":{\"type\":\"status\",\"status\":200}}",
                "{\"action\":{\"type\":\"latency\",\"minMs\":10,\"maxMs\":5}}",
                "{\"method\":5,\"action\":{\"type\":\"reset\"}}"
            })
    void theAdminApiRefusesBadFaults(String body) {
        Http.Answer answer = http.admin("POST", "/__admin/faults", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("type")).isEqualTo("BAD_REQUEST");
    }

    @Test
    void adminRoutesAreNeverFaulted() {
        fake.faults().add(Fault.any().then(new FaultAction.Reset()));

        assertThat(http.admin("GET", "/__admin/clock", null).status()).isEqualTo(200);
    }

    @Test
    void javaBuildersValidate() {
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.any().times(0));
        assertThatIllegalArgumentException().isThrownBy(() -> Fault.any().withProbability(1.5, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultAction.Status(200, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultAction.HtmlError(302));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FaultAction.Latency(Duration.ofMillis(5), Duration.ofMillis(1)));
    }
}

package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every answer the fake gives on the mass-message routes validates against the OpenAPI description copied from
 * shared/ofauth (test resource spec/openapi-mass-messages.reconstructed.yaml), success and error alike.
 */
class OpenApiConformanceTest {

    static final String BASE = "/v2/access/mass-messages";

    static Vertx vertx;
    static Locale previousLocale;
    static ResponseValidator validator;
    static FakeOfAuthServer fake;
    static Http http;

    @BeforeAll
    static void loadContract() throws Exception {
        // vertx-openapi 5.0.7 upper-cases schema types with the default locale: under the build's Turkish test
        // locale "integer" becomes "İNTEGER" and the contract fails to load. The validator runs under ROOT here.
        previousLocale = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
        vertx = Vertx.vertx();
        OpenAPIContract contract = OpenAPIContract.from(vertx, servedPaths())
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        validator = ResponseValidator.create(vertx, contract);
        fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).rateLimitOff().build());
        http = new Http(fake.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
        vertx.close();
        Locale.setDefault(previousLocale);
    }

    /**
     * The description restricted to the paths the fake serves. The analytics paths are dropped: the fake does not
     * serve them, and vertx-openapi 5.0.7 cannot load their {@code type: [integer, 'null']} parameter schemas.
     */
    @SuppressWarnings("unchecked")
    static JsonObject servedPaths() throws IOException {
        try (InputStream in =
                OpenApiConformanceTest.class.getResourceAsStream("/spec/openapi-mass-messages.reconstructed.yaml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            JsonObject contract = new JsonObject(yaml);
            JsonObject paths = contract.getJsonObject("paths");
            new ArrayList<>(paths.fieldNames())
                    .stream().filter(p -> p.startsWith("/v2/access/analytics")).forEach(paths::remove);
            return contract;
        }
    }

    record Exchange(String operationId, Http.Answer answer) {}

    @Test
    void everyAnswerOfEveryRouteMatchesTheContract() {
        fake.reset();
        List<Exchange> exchanges = new ArrayList<>();
        // lists of each type, pages and errors
        for (String query : List.of(
                "?type=scheduled&limit=20",
                "?type=scheduled&limit=20&offset=20",
                "?type=sent",
                "?type=unsent",
                "",
                "?limit=0")) {
            exchanges.add(new Exchange("listMassMessages", http.demo("GET", BASE + query)));
        }
        // every recorded item of every connection, one by one
        for (long id = 5001; id <= 5030; id++) {
            exchanges.add(new Exchange("getMassMessage", http.demo("GET", BASE + "/" + id)));
        }
        for (long id = 7001; id <= 7004; id++) {
            exchanges.add(new Exchange("getMassMessage", http.as("conn_readonly", "GET", BASE + "/" + id)));
        }
        exchanges.add(new Exchange(
                "createMassMessage",
                http.as(
                        "conn_demo",
                        "POST",
                        BASE,
                        "{\"text\":\"new\",\"price\":3,\"scheduledDate\":\"2026-11-20T10:00:00Z\"}")));
        exchanges.add(new Exchange("createMassMessage", http.as("conn_demo", "POST", BASE, "{\"price\":500}")));
        exchanges.add(new Exchange(
                "updateMassMessage", http.as("conn_demo", "PUT", BASE + "/5005", "{\"text\":\"changed\"}")));
        exchanges.add(new Exchange("deleteScheduledMassMessage", http.demo("DELETE", BASE + "/scheduled/5001")));
        exchanges.add(new Exchange("deleteScheduledMassMessage", http.demo("DELETE", BASE + "/scheduled/5001")));
        exchanges.add(new Exchange("deleteScheduledMassMessage", http.demo("DELETE", BASE + "/scheduled/5030")));
        exchanges.add(new Exchange("deleteScheduledMassMessage", http.demo("DELETE", BASE + "/scheduled/5026")));
        exchanges.add(new Exchange(
                "deleteScheduledMassMessage", http.as("conn_readonly", "DELETE", BASE + "/scheduled/7001")));
        exchanges.add(new Exchange(
                "deleteScheduledMassMessage", http.as("conn_expired", "DELETE", BASE + "/scheduled/8001")));
        exchanges.add(new Exchange("deleteMassMessage", http.demo("DELETE", BASE + "/5002")));
        exchanges.add(new Exchange("deleteMassMessage", http.demo("DELETE", BASE + "/abc")));
        fake.clock().set(Instant.parse("2026-11-01T14:05:00Z"));
        exchanges.add(new Exchange("getMassMessage", http.demo("GET", BASE + "/5003")));
        exchanges.add(new Exchange("deleteMassMessage", http.demo("DELETE", BASE + "/5003")));
        exchanges.add(new Exchange("listMassMessages", http.demo("GET", BASE + "?type=sent&limit=20")));

        List<String> violations = new ArrayList<>();
        for (Exchange e : exchanges) {
            try {
                validate(e);
            } catch (Exception failure) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                violations.add(e.operationId() + " " + e.answer().status() + ": " + cause.getMessage()
                        + (cause instanceof SchemaValidationException v
                                ? " / " + v.getOutputUnit().getErrors()
                                : ""));
            }
        }
        assertThat(violations).isEmpty();
        assertThat(exchanges).extracting(e -> e.answer().status()).contains(200, 400, 401, 403, 404);
    }

    @Test
    void theValidatorItselfRejectsAWrongShape() {
        Http.Answer wrong = new Http.Answer(200, "{\"hasMore\":\"yes\",\"list\":{}}", null);

        assertThatThrownBy(() -> validate(new Exchange("listMassMessages", wrong)))
                .isNotNull();
    }

    static void validate(Exchange e) throws Exception {
        ValidatableResponse response = ValidatableResponse.create(
                e.answer().status(), Buffer.buffer(e.answer().body()), "application/json");
        validator
                .validate(response, e.operationId())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }
}
